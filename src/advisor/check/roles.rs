//! `check`'s linter of the roles data/checklist.toml binds to questions.

use super::*;

/// Every role of data/checklist.toml's `[answers]` must name a question of a kind it can work
/// with, or the figures it feeds would go missing from every checklist without a word.
pub(super) fn check_roles(c: &mut Checker, content: &Content) {
    let path = ContentFiles::CHECKLIST;
    for (role, id, kinds) in content.roles.all() {
        let at = format!("{role} = \"{id}\"");
        let Some(question) = content.question(id) else {
            c.at(
                path,
                &at,
                format!("answers.{role} reads question `{id}`, which is not a question in prompts/questions.toml"),
            );
            continue;
        };
        if !kinds.contains(&question.kind) {
            let wanted: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            c.at(
                path,
                &at,
                format!(
                    "answers.{role} reads question `{id}`, a {} question; it needs a {} question",
                    question.kind.name(),
                    wanted.join(" or ")
                ),
            );
        }
        if role == "success_metric" {
            for choice in [Roles::FOLLOWERS, Roles::LEADS_SALES] {
                if !question.choices.iter().any(|c| c.id == choice) {
                    c.at(
                        path,
                        &at,
                        format!("answers.{role} reads question `{id}`, which has no choice `{choice}`"),
                    );
                }
            }
        }
    }
}
