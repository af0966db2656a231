//! `check`'s linter of the metric checklist.

use super::*;

pub(super) fn check_checklist(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::CHECKLIST;
    let mut seen = BTreeSet::new();
    for item in &content.checklist {
        let at = format!("id = \"{}\"", item.id);
        if !seen.insert(item.id.as_str()) {
            c.at(path, &at, format!("checklist item id `{}` is used twice", item.id));
        }
        if !articles.contains(item.source.as_str()) {
            c.at(
                path,
                &at,
                format!(
                    "checklist item `{}` cites `{}`, which is not an article",
                    item.id, item.source
                ),
            );
        }
        let mut texts = vec![&item.metric, &item.target, &item.why];
        if let Some(fallback) = &item.otherwise {
            texts.extend([&fallback.metric, &fallback.target, &fallback.why]);
        }
        let names = texts.into_iter().flat_map(|t| template::placeholders(t));
        for name in names
            .chain(item.needs.iter().map(String::as_str))
            .chain(item.unless.iter().map(String::as_str))
        {
            if !Figures::NAMES.contains(&name) {
                c.at(
                    path,
                    &at,
                    format!(
                        "checklist item `{}` uses figure `{{{name}}}`, which is not one of: {}",
                        item.id,
                        Figures::NAMES.join(", ")
                    ),
                );
            }
        }
        if let Some(condition) = &item.when {
            match content.question(&condition.question) {
                None => c.at(
                    path,
                    &at,
                    format!(
                        "checklist item `{}` depends on question `{}`, which does not exist",
                        item.id, condition.question
                    ),
                ),
                Some(q) => check_condition(c, path, &at, &format!("checklist item `{}`", item.id), condition, q),
            }
        }
    }
    if !content
        .checklist
        .iter()
        .any(|i| i.id == crate::advisor::advice::FAILURE_ITEM)
    {
        c.at(
            path,
            "[[item]]",
            format!(
                "checklist item `{}` is missing; the failure point is told with it",
                crate::advisor::advice::FAILURE_ITEM
            ),
        );
    }
    for name in Figures::ASSUMPTIONS.into_iter().chain(CheckinRules::ASSUMPTIONS) {
        if !content.assumptions.contains_key(name) {
            c.at(path, "[assumptions]", format!("assumption `{name}` is missing"));
        }
    }
}
