//! The scenario: an article with its excerpts, the groups and dated memberships it speaks of,
//! its actors and the tensions it states. The file format is in `docs/scenario-format.md`.

mod article;
mod checks;
mod format;
mod queries;

use std::path::{Path, PathBuf};

pub use article::Article;
pub use checks::{Finding, Severity, check};
pub use format::*;

use super::date::Date;
use super::files::{self, ReadError};
use super::world::World;

pub const FORMAT: &str = "alliance-map/scenario";
pub const VERSION: u32 = 1;

const BUNDLED_SCENARIO: &str = include_str!("../../../assets/scenarios/csto-nato-of-the-east.json");
const BUNDLED_ARTICLE: &str = include_str!("../../../assets/articles/csto-nato-of-the-east.txt");
pub const BUNDLED_SCENARIO_PATH: &str = "assets/scenarios/csto-nato-of-the-east.json";
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{file}: {path}: {message} (line {line}, column {column})")]
    Json {
        file: PathBuf,
        path: String,
        message: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: the article text {article} could not be used: {source}")]
    Article {
        file: PathBuf,
        article: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("{file}: refused:\n{}", list_findings(.findings))]
    Refused {
        file: PathBuf,
        findings: Vec<Finding>,
    },
}

fn list_findings(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|finding| format!("  {finding}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A checked scenario with its article, ready to query.
#[derive(Clone, Debug)]
pub struct Scenario {
    data: ScenarioData,
    article: Article,
    source: PathBuf,
    warnings: Vec<Finding>,
}

impl Scenario {
    /// The CSTO scenario shipped inside the application.
    pub fn load_bundled(world: &World) -> Result<Scenario, ScenarioError> {
        Scenario::from_text(
            Path::new(BUNDLED_SCENARIO_PATH),
            BUNDLED_SCENARIO,
            |_| Ok(BUNDLED_ARTICLE.to_string()),
            world,
        )
    }

    /// Reads, parses and checks a scenario file and the article it names.
    pub fn load(path: &Path, world: &World) -> Result<Scenario, ScenarioError> {
        let text = files::read_text(path)?;
        let directory = path.parent().unwrap_or(Path::new("")).to_path_buf();
        Scenario::from_text(
            path,
            &text,
            |relative| files::read_text(&directory.join(relative)),
            world,
        )
    }

    /// Parses and checks scenario text; `read_article` fetches the article by the relative
    /// path the scenario gives.
    ///
    /// # Examples
    /// ```
    /// use std::path::Path;
    /// use alliance_map::World;
    /// use alliance_map::model::scenario::{Scenario, ScenarioError};
    ///
    /// let world = World::load_bundled()?;
    /// let text = r#"{
    ///     "format": "alliance-map/scenario", "version": 1, "id": "example",
    ///     "article": {"title": "T", "author": "A", "publication": null,
    ///                 "date": "2024-01-01", "date_basis": "example", "text": "a.txt"},
    ///     "groups": [{"id": "G", "name": "A group", "kind": "informal", "founded": null}],
    ///     "memberships": [{"country": "ARM", "group": "G", "status": "member",
    ///                      "from": "2020-01-01", "source": "example"}],
    ///     "excerpts": [{"id": "e", "paragraph": 1, "quote": "Armenia and Georgia talk."}],
    ///     "tensions": [{"id": "t", "kind": "influence", "summary": "They talk.",
    ///                   "parties": [{"country": "ARM"}, {"country": "GEO"}], "excerpts": ["e"]}]
    /// }"#;
    /// let article = |_: &str| Ok("T\n\nArmenia and Georgia talk.\n".to_string());
    /// let scenario = Scenario::from_text(Path::new("example.json"), text, article, &world)?;
    /// assert!(scenario.members("G", "2024-01-01".parse()?).contains("ARM"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_text(
        path: &Path,
        text: &str,
        read_article: impl FnOnce(&str) -> Result<String, ReadError>,
        world: &World,
    ) -> Result<Scenario, ScenarioError> {
        let data = parse(path, text)?;
        let article_text =
            read_article(&data.article.text).map_err(|source| ScenarioError::Article {
                file: path.to_path_buf(),
                article: PathBuf::from(&data.article.text),
                source,
            })?;
        let article = Article::new(&article_text, &data.article.author);
        let findings = check(&data, &article, world);
        let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|finding| finding.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(ScenarioError::Refused {
                file: path.to_path_buf(),
                findings: errors.into_iter().chain(warnings).collect(),
            });
        }
        Ok(Scenario {
            data,
            article,
            source: path.to_path_buf(),
            warnings,
        })
    }

    pub fn data(&self) -> &ScenarioData {
        &self.data
    }
    pub fn article(&self) -> &Article {
        &self.article
    }
    pub fn meta(&self) -> &ArticleMeta {
        &self.data.article
    }
    pub fn source(&self) -> &Path {
        &self.source
    }
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
    pub fn date(&self) -> Date {
        self.data.article.date
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.data.groups.iter().find(|group| group.id == id)
    }
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.data.actors.iter().find(|actor| actor.id == id)
    }
    pub fn excerpt(&self, id: &str) -> Option<&Excerpt> {
        self.data.excerpts.iter().find(|excerpt| excerpt.id == id)
    }
    pub fn tension(&self, id: &str) -> Option<&Tension> {
        self.data.tensions.iter().find(|tension| tension.id == id)
    }
}
