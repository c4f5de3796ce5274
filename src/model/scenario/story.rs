//! The steps Present walks through: the scenario's `story`, or else each excerpt in turn.

use super::Scenario;
use super::format::Extent;

/// One step as presented: indices into the scenario, with the defaults filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct PresentedStep {
    /// The excerpt shown as the caption, by its index in the scenario.
    pub excerpt: usize,
    pub title: Option<String>,
    /// Country codes the map flies to and outlines.
    pub countries: Vec<String>,
    /// Tensions highlighted, by their index in the scenario.
    pub tensions: Vec<usize>,
    /// The area to show instead of the countries' area.
    pub view: Option<Extent>,
}

impl Scenario {
    /// The presentation's steps: those of the file's `story`, or one per excerpt in article
    /// order, each showing the excerpt's countries and the tensions that cite it. A step whose
    /// excerpt or tension is unknown cannot pass the checks, so none is dropped here in
    /// practice; the lookups only guard against it.
    pub fn story(&self) -> Vec<PresentedStep> {
        let data = self.data();
        let excerpt_index = |id: &str| data.excerpts.iter().position(|e| e.id == id);
        let citing = |id: &str| -> Vec<usize> {
            data.tensions
                .iter()
                .enumerate()
                .filter(|(_, tension)| tension.excerpts.iter().any(|cited| cited == id))
                .map(|(index, _)| index)
                .collect()
        };
        if data.story.is_empty() {
            return data
                .excerpts
                .iter()
                .enumerate()
                .map(|(index, excerpt)| PresentedStep {
                    excerpt: index,
                    title: None,
                    countries: excerpt.countries.clone(),
                    tensions: citing(&excerpt.id),
                    view: None,
                })
                .collect();
        }
        data.story
            .iter()
            .filter_map(|step| {
                let excerpt = excerpt_index(&step.excerpt)?;
                let tensions = match &step.tensions {
                    Some(ids) => ids
                        .iter()
                        .filter_map(|id| data.tensions.iter().position(|t| t.id == *id))
                        .collect(),
                    None => citing(&step.excerpt),
                };
                Some(PresentedStep {
                    excerpt,
                    title: step.title.clone(),
                    countries: step
                        .countries
                        .clone()
                        .unwrap_or_else(|| data.excerpts[excerpt].countries.clone()),
                    tensions,
                    view: step.view,
                })
            })
            .collect()
    }
}
