//! `{placeholder}` filling for sentences and checklist templates.

/// Replaces each `{name}` in `text` with its value; unknown names are left as they are, so a typo
/// shows up in the output (and `check` reports it) instead of vanishing.
pub(crate) fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names used in `text`, in order.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_names_and_keeps_unknown_ones_visible() {
        let text = fill(
            "Spend {budget} for {months} months, {oops}.",
            &[("budget", "$1,000"), ("months", "6")],
        );
        assert_eq!(text, "Spend $1,000 for 6 months, {oops}.");
    }

    #[test]
    fn lists_placeholders_in_order() {
        assert_eq!(placeholders("{a} and {b} then {a"), vec!["a", "b"]);
    }
}
