//! `check`'s linter of the articles' facts and titles.

use super::*;

/// The longest article title: it is cited in question footers and after every reason.
pub(super) const TITLE_MAX: usize = 64;
/// The longest short title: it follows "ruled out" beside a bar of the advice chart.
pub(super) const SHORT_MAX: usize = 24;

pub(super) fn check_facts(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::FACTS;
    if content.articles.len() != articles.len() {
        c.at(path, "[[article]]", "an article id is listed twice".to_owned());
    }
    for article in &content.articles {
        // Its own words that fit where they are shown: neither empty, nor too long, nor the file name.
        let readable = |text: &str, max: usize| {
            let text = text.trim();
            !text.is_empty() && text.chars().count() <= max && !text.contains(article.id.as_str())
        };
        let at = format!("id = \"{}\"", article.id);
        if !readable(&article.short, SHORT_MAX) {
            c.at(
                path,
                &at,
                format!(
                    "article `{}` needs a `short` title for chart labels: its own words, at most \
                     {SHORT_MAX} characters, not its file name",
                    article.id
                ),
            );
        }
        if !readable(&article.title, TITLE_MAX) {
            c.at(
                path,
                &at,
                format!(
                    "article `{}` needs a title people can read where it is cited: its own words, at most \
                     {TITLE_MAX} characters, not its file name",
                    article.id
                ),
            );
        }
    }
    for fact in &content.facts {
        if !articles.contains(fact.source.as_str()) {
            c.at(
                path,
                &format!("id = \"{}\"", fact.id),
                format!("fact `{}` cites `{}`, which is not an article", fact.id, fact.source),
            );
        }
    }
}
