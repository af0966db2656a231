//! `check`'s linter of the sentences of prompts/messages.toml, the core's and the fronts'.

use super::*;

pub(super) fn check_messages(c: &mut Checker, content: &Content) {
    let path = ContentFiles::MESSAGES;
    let m = &content.messages;
    let mut required: Vec<String> = MESSAGE_KEYS.iter().map(|k| (*k).to_owned()).collect();
    required.extend(Unreadable::ALL.iter().map(Unreadable::message_key));
    required.extend(
        crate::advisor::read::Dimension::ALL
            .iter()
            .map(|d| format!("dimension.{}", d.id())),
    );
    required.extend(AnswerKind::ALL.iter().map(|k| format!("needs.{}", k.name())));
    required.extend(
        [
            "confirm.ask",
            "confirm.no_period_money",
            "confirm.no_period_hours",
            "confirm.no_period_hours_one",
            "confirm.no_period_money_month",
            "display.failure_below_period",
            "display.result_period_month",
            "display.result_period_in_all",
            "confirm.unexplained",
            "confirm.negation",
            "confirm.shared",
            "confirm.result_period",
            "confirm.hint",
            "confirm.yes",
            "confirm.no",
            "confirm.none_of_these",
        ]
        .map(String::from),
    );
    for outcome in Outcome::ALL {
        required.push(format!("outcome.{}.title", outcome.id()));
        required.push(format!("outcome.{}.summary", outcome.id()));
    }
    for factor in &content.rules.factor {
        required.push(format!("reason.{}.high", factor.id));
        required.push(format!("reason.{}.low", factor.id));
    }
    for line in &content.rules.line {
        required.push(format!("line.{}", line.id));
    }
    for situation in &content.rules.situation {
        for outcome in &situation.outcomes {
            required.push(format!("situation.{}.{}", situation.id, outcome.id()));
        }
    }
    for key in required {
        if !m.has(&key) {
            let table = key.rsplit_once('.').map_or(key.as_str(), |(t, _)| t);
            c.at(path, &format!("[{table}]"), format!("sentence `{key}` is missing"));
        }
    }
    for (key, text) in m.entries() {
        // Sentences filled with figures (`failure.given` and `failure.proposal` take the parts).
        let figured = key.starts_with("reason.")
            || key.starts_with("line.")
            || (key.starts_with("failure.") && !matches!(key, "failure.given" | "failure.proposal"));
        if figured {
            for name in template::placeholders(text) {
                if !Figures::NAMES.contains(&name) {
                    c.at(
                        path,
                        text,
                        format!(
                            "sentence `{key}` uses figure `{{{name}}}`, which is not one of: {}",
                            Figures::NAMES.join(", ")
                        ),
                    );
                }
            }
        }
    }
}

pub(super) fn check_front_keys(c: &mut Checker, content: &Content, fronts: &[FrontKeys]) {
    let path = ContentFiles::MESSAGES;
    // A sentence of a shared layout (the chat, the brief, the charts) is declared by every front
    // that shows it, and reported once, naming them all.
    let mut missing: Vec<(&str, Vec<&str>)> = Vec::new();
    for front in fronts {
        for key in front.keys.iter().filter(|key| !content.messages.has(key)) {
            match missing.iter_mut().find(|(k, _)| k == key) {
                Some((_, users)) => users.push(front.front),
                None => missing.push((key, vec![front.front])),
            }
        }
    }
    for (key, users) in missing {
        let table = key.rsplit_once('.').map_or(key, |(t, _)| t);
        let who = match users.as_slice() {
            [one] => format!("the {one} front uses it"),
            many => format!("the {} fronts use it", many.join(" and ")),
        };
        c.at(
            path,
            &format!("[{table}]"),
            format!("sentence `{key}` is missing ({who})"),
        );
    }
}
