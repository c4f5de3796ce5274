//! Reading an HTML page as a reader sees it: parsed by an HTML5 parser (html5ever, through
//! scraper), its main content chosen the way reader modes do, menus and scripts left out.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::text::{find_date, tidy_lines};
use crate::model::date::Date;

/// What a page says, as drafting reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlArticle {
    /// The title line, then the main content's blocks as paragraphs (blank line between).
    pub text: String,
    /// The publication date its metadata gives (`article:published_time`, `<time datetime>`),
    /// with the words it was written in.
    pub published: Option<(Date, String)>,
    /// The author its metadata gives (`<meta name="author">`).
    pub author: Option<String>,
}

/// Elements whose content a reader never reads as the article.
fn is_left_out(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "menu"
            | "button"
            | "select"
            | "iframe"
            | "svg"
            | "canvas"
            | "head"
            | "figure"
    )
}

/// Class and id words of page furniture: menus, share bars, cookie notices, comments.
const FURNITURE: [&str; 20] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "footer",
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "related",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "promo",
    "newsletter",
    "subscribe",
];

/// An element whose id or a class has a furniture word among its `-`/`_` separated parts
/// ("share-bar", "site_nav"), or whose role is navigation.
fn is_furniture(element: &scraper::node::Element) -> bool {
    let mut names = element.id().into_iter().chain(element.classes());
    let is_furniture = names.any(|name| {
        name.split(['-', '_'])
            .any(|part| FURNITURE.contains(&part.to_ascii_lowercase().as_str()))
    });
    is_furniture || element.attr("role") == Some("navigation")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "section"
            | "article"
            | "main"
            | "pre"
            | "tr"
            | "table"
            | "figcaption"
            | "br"
            | "hr"
    )
}

/// The page as text: its title, then the paragraphs of its main content.
///
/// # Examples
/// ```
/// use alliance_map::model::drafting::html::html_to_text;
///
/// let page = "<title>Summit</title><nav><a>Home</a></nav>\
///             <article><p>Armenia and Azerbaijan met&hellip;</p></article>";
/// assert_eq!(html_to_text(page).text, "Summit\n\nArmenia and Azerbaijan met…\n");
/// ```
pub fn html_to_text(html: &str) -> HtmlArticle {
    let document = Html::parse_document(html);
    let root = document.root_element();
    let title = page_title(&document);
    let content = main_content(root);
    let mut text = String::with_capacity(html.len() / 2);
    if let Some(title) = &title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    write_blocks(content, &mut text);
    HtmlArticle {
        text: tidy_lines(&text),
        published: published(&document),
        author: meta(&document, |name| name == "author").map(|a| squeeze(&a)),
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<title>`, else the first `<h1>`.
fn page_title(document: &Html) -> Option<String> {
    let mut first_h1 = None;
    for node in document.tree.root().descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        match element.value().name() {
            "title" => {
                let title = squeeze(&element.text().collect::<String>());
                if !title.is_empty() {
                    return Some(title);
                }
            }
            "h1" if first_h1.is_none() => {
                let heading = squeeze(&element.text().collect::<String>());
                if !heading.is_empty() {
                    first_h1 = Some(heading);
                }
            }
            _ => {}
        }
    }
    first_h1
}

/// The `content` of the first `<meta>` whose `name` or `property` passes `wanted`.
fn meta(document: &Html, wanted: impl Fn(&str) -> bool) -> Option<String> {
    document.tree.root().descendants().find_map(|node| {
        let element = node.value().as_element()?;
        if element.name() != "meta" {
            return None;
        }
        let key = element.attr("property").or_else(|| element.attr("name"))?;
        let content = element.attr("content")?;
        (wanted(&key.to_ascii_lowercase()) && !content.trim().is_empty())
            .then(|| content.trim().to_string())
    })
}

/// The publication date from the page's metadata, else its first `<time datetime>`.
fn published(document: &Html) -> Option<(Date, String)> {
    let from_meta = meta(document, |key| {
        matches!(
            key,
            "article:published_time" | "datepublished" | "date" | "dc.date" | "pubdate"
        )
    });
    let from_time = || {
        document.tree.root().descendants().find_map(|node| {
            let element = node.value().as_element()?;
            (element.name() == "time")
                .then(|| element.attr("datetime"))
                .flatten()
                .map(str::to_string)
        })
    };
    let parse = |written: String| {
        // "2023-04-06T09:00:00Z" and "2023-04-06" are both the day written first.
        let day = written.get(..10).unwrap_or(&written);
        let date = day
            .parse::<Date>()
            .ok()
            .or_else(|| find_date(&written).map(|found| found.0))?;
        Some((date, written))
    };
    from_meta
        .and_then(parse)
        .or_else(|| from_time().and_then(parse))
}

/// The element holding the article: the largest `<article>` or `<main>`, else the element
/// whose paragraphs score highest (their length and commas, counted for their parent and half
/// for their grandparent), else the body.
fn main_content(root: ElementRef<'_>) -> ElementRef<'_> {
    let mut scores: HashMap<NodeId, f32> = HashMap::new();
    let mut best_landmark: Option<(ElementRef<'_>, usize)> = None;
    let mut landmarks = 0;
    let mut body = root;
    for element in root.descendent_elements() {
        let name = element.value().name();
        match name {
            "body" => body = element,
            "article" | "main" if landmarks < MAX_LANDMARKS => {
                landmarks += 1;
                let length = paragraph_text_length(element);
                if best_landmark.is_none_or(|(_, best)| length > best) {
                    best_landmark = Some((element, length));
                }
            }
            "p" | "pre" => {
                let text: String = element.text().collect();
                let length = text.trim().chars().count();
                if length < 25 {
                    continue;
                }
                let score =
                    1.0 + text.matches(',').count() as f32 + (length as f32 / 100.0).min(3.0);
                let parent = element.parent().and_then(ElementRef::wrap);
                if let Some(parent) = parent {
                    *scores.entry(parent.id()).or_default() += score;
                    if let Some(grandparent) = parent.parent().and_then(ElementRef::wrap) {
                        *scores.entry(grandparent.id()).or_default() += score / 2.0;
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((landmark, length)) = best_landmark
        && length > 0
    {
        return landmark;
    }
    scores
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .and_then(|(id, _)| root.tree().get(id))
        .and_then(ElementRef::wrap)
        .unwrap_or(body)
}

/// How many `<article>` and `<main>` elements are weighed: each is walked whole, so a page of
/// thousands nested inside each other would cost their square.
const MAX_LANDMARKS: usize = 32;

/// How many characters the `<p>` elements inside `element` hold.
fn paragraph_text_length(element: ElementRef<'_>) -> usize {
    element
        .descendent_elements()
        .filter(|e| e.value().name() == "p")
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

/// The text of `content`'s blocks, a blank line after each block, page furniture left out.
/// Walked without recursion, so a page nested a hundred thousand deep costs no stack.
fn write_blocks(content: ElementRef<'_>, out: &mut String) {
    let mut left_out_depth = 0usize;
    for edge in content.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    // The content chosen is read even when its own class says otherwise
                    // ("post with-sidebar").
                    let furniture = node.id() != content.id() && is_furniture(element);
                    if left_out_depth > 0 || is_left_out(element.name()) || furniture {
                        left_out_depth += 1;
                    } else if is_block(element.name()) {
                        out.push_str("\n\n");
                    }
                }
                Node::Text(text) if left_out_depth == 0 => {
                    // Line breaks inside a paragraph's source are spaces on the screen.
                    for piece in text.split('\n') {
                        out.push_str(piece);
                        out.push(' ');
                    }
                    out.pop();
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if left_out_depth > 0 {
                        left_out_depth -= 1;
                    } else if is_block(element.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_paragraphs_without_tags_scripts_or_entities() {
        let html = "<html><head><title>T</title><script>var x = '<p>';</script></head>\
                    <body><h1>Headline</h1><p>One &amp; two&nbsp;&#8217;s&hellip;</p><p>Three</p></body>";
        assert_eq!(
            html_to_text(html).text,
            "T\n\nHeadline\n\nOne & two ’s…\n\nThree\n"
        );
    }

    #[test]
    fn a_page_title_repeated_as_its_headline_is_kept_once() {
        let html = "<title>Baku and Yerevan</title><h1>Baku and Yerevan</h1><p>Text.</p>";
        assert_eq!(html_to_text(html).text, "Baku and Yerevan\n\nText.\n");
    }

    #[test]
    fn menus_share_bars_and_sidebars_never_reach_the_text() {
        let html = "<title>News</title><body><nav><ul><li>Russia</li><li>China</li></ul></nav>\
            <div class=\"share-bar\">Share on Facebook</div>\
            <div id=\"content\"><p>Armenia and Azerbaijan signed a text, the first in decades, \
            in Washington.</p><p>Turkey welcomed it, as did Georgia, whose ports gain.</p></div>\
            <aside><p>Most read: France votes, and Germany waits, and Italy too.</p></aside>\
            <footer>Copyright</footer></body>";
        let text = html_to_text(html).text;
        assert_eq!(
            text,
            "News\n\nArmenia and Azerbaijan signed a text, the first in decades, in Washington.\n\n\
             Turkey welcomed it, as did Georgia, whose ports gain.\n"
        );
    }

    #[test]
    fn thousands_of_nested_articles_are_weighed_in_bounded_time() {
        let page = format!(
            "<title>Nested</title>{}<p>Belarus votes.</p>",
            "<article>".repeat(20_000)
        );
        assert_eq!(html_to_text(&page).text, "Nested\n\nBelarus votes.\n");
    }

    #[test]
    fn the_published_date_and_author_come_from_the_page_metadata() {
        let html = "<head><meta property=\"article:published_time\" content=\"2023-04-06T08:00:00Z\">\
                    <meta name=\"author\" content=\"Staff  Analyst\"></head><p>Text.</p>";
        let page = html_to_text(html);
        assert_eq!(
            page.published.map(|(d, _)| d.to_string()),
            Some("2023-04-06".into())
        );
        assert_eq!(page.author.as_deref(), Some("Staff Analyst"));
        let html = "<p>Posted <time datetime=\"2020-09-25\">Sept. 25</time></p>";
        assert_eq!(
            html_to_text(html).published.map(|(d, _)| d.to_string()),
            Some("2020-09-25".into())
        );
    }
}
