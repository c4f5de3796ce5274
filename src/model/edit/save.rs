//! Saving an edited scenario as a file `alliance-map check` accepts and the app reopens the
//! same: written through a temporary file, never over an input, with its article beside it
//! when the article is not already where the file will look for it.

use std::path::{Path, PathBuf};

use crate::model::files::MAX_ARTICLE_BYTES;
use crate::model::files::{WriteError, normalize_text, read_text_with_limit, write_replacing};
use crate::model::scenario::{ScenarioData, article_path};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(
        "{article}: another text lies there, so the article of {file} cannot be saved beside it; choose another folder or name"
    )]
    ArticleTaken { file: PathBuf, article: PathBuf },
}

/// What saving did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The article's path as the saved file names it (`article.text`).
    pub article_field: String,
    /// The article file written beside the scenario, if one was.
    pub article_written: Option<PathBuf>,
}

/// The scenario as its file holds it: pretty JSON ending in a newline.
pub fn scenario_json(data: &ScenarioData) -> String {
    // Plain data with string keys always serialises.
    let mut text = serde_json::to_string_pretty(data).unwrap_or_default();
    text.push('\n');
    text
}

/// Saves `data` to `target` with its article, whose text is `article_text`; refuses to
/// write over any of `inputs`. The article stays where the file names it if the same text is
/// found there from `target`; otherwise it is written beside `target`.
pub fn save_scenario(
    target: &Path,
    data: &ScenarioData,
    article_text: &str,
    inputs: &[&Path],
) -> Result<Saved, SaveError> {
    let article_text = normalize_text(article_text);
    let in_place = article_path(target, &data.article.text).ok();
    let found_in_place = in_place.as_deref().is_some_and(|path| {
        read_text_with_limit(path, MAX_ARTICLE_BYTES as u64)
            .is_ok_and(|text| normalize_text(&text) == article_text)
    });
    let saved = if found_in_place {
        Saved {
            article_field: data.article.text.clone(),
            article_written: None,
        }
    } else {
        place_article(target, &data.article.text, &article_text, inputs)?
    };
    let mut data = data.clone();
    data.article.text = saved.article_field.clone();
    // The article is an input too: a scenario named like its article never replaces it.
    let mut refusing: Vec<&Path> = inputs.to_vec();
    refusing.extend(in_place.as_deref());
    refusing.extend(saved.article_written.as_deref());
    write_replacing(target, scenario_json(&data).as_bytes(), &refusing)?;
    Ok(saved)
}

/// Puts the article beside `target`: under the name the scenario gave it, else under the
/// scenario's own name with `.txt`; a file already there with the same text is used as is.
fn place_article(
    target: &Path,
    named: &str,
    article_text: &str,
    inputs: &[&Path],
) -> Result<Saved, SaveError> {
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let stem = target.file_stem().map_or_else(
        || "article".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut names: Vec<String> = Path::new(named)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .into_iter()
        .collect();
    names.push(format!("{stem}.txt"));
    let mut refusing: Vec<&Path> = inputs.to_vec();
    refusing.push(target);
    for name in names {
        let candidate = folder.join(&name);
        if candidate.exists() {
            let same = read_text_with_limit(&candidate, MAX_ARTICLE_BYTES as u64)
                .is_ok_and(|text| normalize_text(&text) == article_text);
            if same {
                return Ok(Saved {
                    article_field: name,
                    article_written: None,
                });
            }
            continue;
        }
        write_replacing(&candidate, article_text.as_bytes(), &refusing)?;
        return Ok(Saved {
            article_field: name,
            article_written: Some(candidate),
        });
    }
    Err(SaveError::ArticleTaken {
        file: target.to_path_buf(),
        article: folder.join(format!("{stem}.txt")),
    })
}
