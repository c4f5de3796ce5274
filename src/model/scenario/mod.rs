//! The scenario: an article with its excerpts, the groups and dated memberships it speaks of,
//! its actors and the tensions it states. The file format is in `docs/scenario-format.md`.

mod article;
mod checks;
mod citation;
mod format;
mod queries;
mod story;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use article::Article;
pub use checks::{
    Finding, Findings, MAX_ARCS, MAX_ARCS_PER_TENSION, MAX_MEMBERS_DRAWN_APART, MAX_PARTIES,
    MAX_TENSIONS, MIN_QUOTE_WORDS, Severity, check,
};
pub use citation::citation;
pub use format::*;
pub use story::PresentedStep;

use super::capped::{SHOWN, listing};
use super::date::Date;
use super::files::{self, MAX_ARTICLE_BYTES, ReadError};
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
    /// `findings` holds the first errors, then the first warnings; `omitted` counts those
    /// not kept, `errors` every error found.
    #[error("{file}: refused:\n{}", listing(.findings, *.omitted, SHOWN, "  ").join("\n"))]
    Refused {
        file: PathBuf,
        findings: Vec<Finding>,
        errors: usize,
        omitted: usize,
    },
}

/// A checked scenario with its article, ready to query.
#[derive(Clone, Debug)]
pub struct Scenario {
    data: ScenarioData,
    article: Article,
    source: PathBuf,
    /// The first warnings, and how many more there were.
    warnings: Vec<Finding>,
    warnings_omitted: usize,
    memberships: MembershipIndex,
    /// How many arcs each tension may draw, by id (see [`checks::plan_arcs`]).
    arc_budget: HashMap<String, usize>,
    /// What [`Scenario::membership_changes`] returns, worked out at load.
    changes: Vec<(Date, String)>,
}

/// The memberships' indices by country, by group and by both, built once: looking up each
/// country in each group by scanning every row took 129 s for 400 groups and 96,000 rows.
#[derive(Clone, Debug, Default)]
struct MembershipIndex {
    by_country: HashMap<String, Vec<usize>>,
    by_group: HashMap<String, Vec<usize>>,
    by_country_and_group: HashMap<(String, String), Vec<usize>>,
}

impl MembershipIndex {
    fn build(memberships: &[Membership]) -> Self {
        let mut index = MembershipIndex::default();
        for (i, m) in memberships.iter().enumerate() {
            index
                .by_country
                .entry(m.country.clone())
                .or_default()
                .push(i);
            index.by_group.entry(m.group.clone()).or_default().push(i);
            index
                .by_country_and_group
                .entry((m.country.clone(), m.group.clone()))
                .or_default()
                .push(i);
        }
        index
    }
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
        super::json::check_value_count(path, &text)?;
        Scenario::from_text(path, &text, |relative| read_article(path, relative), world)
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
        Scenario::from_data(path, data, article, world)
    }

    /// Checks scenario data already in memory (an edited document) against its article, as
    /// [`Scenario::from_text`] checks a file: errors refuse it and list what was found.
    pub fn from_data(
        path: &Path,
        data: ScenarioData,
        article: Article,
        world: &World,
    ) -> Result<Scenario, ScenarioError> {
        let mut findings = check(&data, &article, world);
        let arc_budget = checks::plan_arcs(&data, &mut findings);
        let Findings { errors, warnings } = findings;
        if !errors.is_empty() {
            let error_count = errors.total();
            let (mut listed, errors_omitted) = errors.into_parts();
            let (warnings, warnings_omitted) = warnings.into_parts();
            listed.extend(warnings);
            return Err(ScenarioError::Refused {
                file: path.to_path_buf(),
                findings: listed,
                errors: error_count,
                omitted: errors_omitted + warnings_omitted,
            });
        }
        let (warnings, warnings_omitted) = warnings.into_parts();
        Ok(Scenario {
            memberships: MembershipIndex::build(&data.memberships),
            changes: queries::membership_changes(&data, world),
            data,
            article,
            source: path.to_path_buf(),
            warnings,
            warnings_omitted,
            arc_budget,
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
    /// The first warnings (see [`Scenario::warning_count`] for how many there were).
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
    pub fn warning_count(&self) -> usize {
        self.warnings.len() + self.warnings_omitted
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

/// Reads the article a scenario at `scenario_path` names, which must lie in the scenario's
/// folder or below it, or in the `articles` folder beside it (`../articles/NAME.txt`, the
/// layout of the app's own `assets/`): a downloaded scenario must not make the app read and
/// show `/etc/hostname` or `../../secret.txt`. The path must be relative, and what it
/// resolves to (symbolic links followed) must still be inside that folder.
pub fn read_article(scenario_path: &Path, relative: &str) -> Result<String, ReadError> {
    let resolved = article_path(scenario_path, relative)?;
    files::read_text_with_limit(&resolved, MAX_ARTICLE_BYTES as u64)
}

/// The folder beside the scenario's own where its article may also lie.
const ARTICLES_FOLDER: &str = "articles";

/// Where the article a scenario at `scenario_path` names really is (links followed), or why
/// it may not be read (see [`read_article`]).
pub fn article_path(scenario_path: &Path, relative: &str) -> Result<PathBuf, ReadError> {
    use std::path::Component;
    let outside = |reason: &str| ReadError::OutsideFolder {
        file: PathBuf::from(relative),
        reason: reason.to_string(),
    };
    let named = Path::new(relative);
    if relative.trim().is_empty() {
        return Err(outside("no path is given"));
    }
    let components: Vec<Component<'_>> = named.components().collect();
    if components
        .iter()
        .any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        return Err(outside("an absolute path"));
    }
    let folder = match scenario_path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let beside = matches!(
        components.as_slice(),
        [Component::ParentDir, Component::Normal(name), ..] if *name == ARTICLES_FOLDER
    );
    let climbs = components
        .iter()
        .skip(if beside { 1 } else { 0 })
        .any(|c| *c == Component::ParentDir);
    if climbs {
        return Err(outside("a path climbing out with '..'"));
    }
    let root = if beside {
        folder.join("..").join(ARTICLES_FOLDER)
    } else {
        folder.to_path_buf()
    };
    let joined = folder.join(named);
    let io_error = |source| ReadError::Io {
        file: joined.clone(),
        source,
    };
    let real_root = root.canonicalize().map_err(io_error)?;
    // The articles folder must be the one beside the scenario's, not a link to `/` or
    // anywhere else: inside a linked folder, everything it leads to would be "inside".
    if beside {
        let real_folder = folder.canonicalize().map_err(io_error)?;
        let expected = real_folder
            .parent()
            .map(|parent| parent.join(ARTICLES_FOLDER));
        if expected.as_deref() != Some(real_root.as_path()) {
            return Err(outside(
                "the articles folder beside the scenario's is a symbolic link leading elsewhere",
            ));
        }
    }
    let real_file = joined.canonicalize().map_err(io_error)?;
    if !real_file.starts_with(&real_root) {
        return Err(outside("a symbolic link leading out of the folder"));
    }
    Ok(real_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with_article() -> tempfile::TempDir {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let write = |name: &str| {
            assert!(std::fs::write(dir.path().join(name), "Title\n\nSome words here.\n").is_ok())
        };
        assert!(std::fs::create_dir(dir.path().join("sub")).is_ok());
        assert!(std::fs::create_dir(dir.path().join("articles")).is_ok());
        write("a.txt");
        write("sub/b.txt");
        write("articles/c.txt");
        dir
    }

    #[test]
    fn an_article_beside_or_below_the_scenario_is_read() {
        let dir = folder_with_article();
        let scenario = dir.path().join("s.json");
        assert!(read_article(&scenario, "a.txt").is_ok());
        assert!(read_article(&scenario, "./sub/b.txt").is_ok());
        let in_sub = dir.path().join("sub").join("s.json");
        assert!(read_article(&in_sub, "../articles/c.txt").is_ok());
    }

    #[test]
    fn absolute_and_climbing_article_paths_are_refused() {
        let dir = folder_with_article();
        let scenario = dir.path().join("sub").join("s.json");
        for path in [
            "/etc/hostname",
            "/proc/self/status",
            "../a.txt",
            "x/../../a.txt",
            "../articles/../a.txt",
            "articles/../../a.txt",
            "",
        ] {
            assert!(
                matches!(
                    read_article(&scenario, path),
                    Err(ReadError::OutsideFolder { .. })
                ),
                "{path}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_articles_folder_that_is_a_link_elsewhere_is_refused() {
        let dir = folder_with_article();
        let scenario = dir.path().join("scenarios").join("s.json");
        assert!(std::fs::create_dir(dir.path().join("scenarios")).is_ok());
        assert!(std::fs::remove_dir_all(dir.path().join("articles")).is_ok());
        assert!(std::os::unix::fs::symlink("/", dir.path().join("articles")).is_ok());
        assert!(matches!(
            read_article(&scenario, "../articles/etc/hostname"),
            Err(ReadError::OutsideFolder { .. })
        ));
        assert!(std::fs::remove_file(dir.path().join("articles")).is_ok());
        assert!(
            std::os::unix::fs::symlink(dir.path().join("sub"), dir.path().join("articles")).is_ok()
        );
        assert!(matches!(
            read_article(&scenario, "../articles/b.txt"),
            Err(ReadError::OutsideFolder { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_folder_is_refused() {
        let dir = folder_with_article();
        let link = dir.path().join("sub").join("link.txt");
        assert!(std::os::unix::fs::symlink(dir.path().join("a.txt"), &link).is_ok());
        let scenario = dir.path().join("sub").join("s.json");
        assert!(matches!(
            read_article(&scenario, "link.txt"),
            Err(ReadError::OutsideFolder { .. })
        ));
    }
}
