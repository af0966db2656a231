//! The help screen (the chat's `help`, Discord's /help): what the bot does, the five articles its
//! questions come from, each with where it stands, and whatever else a front tells. Each front
//! declares its own sentences and names them in [`HelpKeys`]; the articles are built once here.

use crate::advisor::content::Content;

/// The message keys of one front's help.
#[derive(Debug, Clone, Copy)]
pub struct HelpKeys<'k> {
    pub title: Option<&'k str>,
    pub intro: &'k str,
    pub sources: &'k str,
    /// Further sections: (title key, text key).
    pub sections: &'k [(&'k str, &'k str)],
}

/// What the help screen says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpView {
    pub title: Option<String>,
    pub intro: String,
    /// The heading over the articles.
    pub sources_heading: String,
    pub sources: Vec<SourceLine>,
    /// (title, text) of each further section.
    pub sections: Vec<(String, String)>,
}

/// One article, as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// Its title ([`Content::cite`]).
    pub title: String,
    /// Where it stands on outsourcing (data/facts.toml).
    pub stance: String,
}

impl HelpView {
    pub fn of(content: &Content, keys: HelpKeys<'_>) -> HelpView {
        let m = &content.messages;
        HelpView {
            title: keys.title.map(|key| m.get(key).to_owned()),
            intro: m.get(keys.intro).to_owned(),
            sources_heading: m.get(keys.sources).to_owned(),
            sources: content
                .articles
                .iter()
                .map(|a| SourceLine {
                    title: content.cite(std::slice::from_ref(&a.id)),
                    stance: a.stance.clone(),
                })
                .collect(),
            sections: keys
                .sections
                .iter()
                .map(|(title, text)| (m.get(title).to_owned(), m.get(text).to_owned()))
                .collect(),
        }
    }
}
