//! The limits Discord documents but its OpenAPI spec leaves out, checked on every message the bot
//! sends: content, embeds, components, custom_ids, modals, `allowed_mentions`, and the files of a
//! multipart body (attachment ids and filenames, `attachment://` references, the size limit).

use serde_json::Value;

use super::Recorded;

/// The message carried by a request, if it carries one, and whether it is a modal.
fn message_of(request: &Recorded) -> Option<(&Value, bool)> {
    let body = request.body.as_ref()?;
    let path = request.path.as_str();
    let method = request.method.as_str();
    if method == "POST" && path.starts_with("/interactions/") && path.ends_with("/callback") {
        return match body["type"].as_u64() {
            Some(4 | 7) => Some((&body["data"], false)),
            Some(9) => Some((&body["data"], true)),
            _ => None,
        };
    }
    let creates = (method == "POST" && path.starts_with("/channels/") && path.ends_with("/messages"))
        || (method == "POST" && path.starts_with("/webhooks/"))
        || (method == "PATCH" && path.starts_with("/webhooks/"));
    creates.then_some((body, false))
}

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

/// Every rule `request` breaks.
pub fn check(request: &Recorded) -> Vec<String> {
    let Some((message, is_modal)) = message_of(request) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut rule = |broken: bool, text: String| {
        if broken {
            problems.push(text);
        }
    };

    let content = chars(&message["content"]);
    rule(
        content > 2_000,
        format!("content has {content} characters; Discord allows 2,000"),
    );

    if let Some(embeds) = message["embeds"].as_array() {
        rule(embeds.len() > 10, format!("{} embeds; Discord allows 10", embeds.len()));
        let mut total = 0;
        for embed in embeds {
            let description = chars(&embed["description"]);
            rule(
                description > 4_096,
                format!("an embed description has {description} characters; Discord allows 4,096"),
            );
            let title = chars(&embed["title"]);
            rule(
                title > 256,
                format!("an embed title has {title} characters; Discord allows 256"),
            );
            total += title + description + chars(&embed["footer"]["text"]) + chars(&embed["author"]["name"]);
            if let Some(fields) = embed["fields"].as_array() {
                rule(
                    fields.len() > 25,
                    format!("an embed has {} fields; Discord allows 25", fields.len()),
                );
                for field in fields {
                    let (name, value) = (chars(&field["name"]), chars(&field["value"]));
                    rule(
                        name > 256,
                        format!("a field name has {name} characters; Discord allows 256"),
                    );
                    rule(
                        value > 1_024,
                        format!("a field value has {value} characters; Discord allows 1,024"),
                    );
                    total += name + value;
                }
            }
        }
        rule(
            total > 6_000,
            format!("embeds hold {total} characters in all; Discord allows 6,000"),
        );
    }

    if let Some(rows) = message["components"].as_array() {
        rule(rows.len() > 5, format!("{} action rows; Discord allows 5", rows.len()));
        let mut inputs = 0;
        for row in rows {
            let components = row["components"].as_array().map_or(&[][..], Vec::as_slice);
            let buttons = components.iter().filter(|c| c["type"] == 2).count();
            rule(
                buttons > 5,
                format!("an action row has {buttons} buttons; Discord allows 5"),
            );
            for component in components {
                let id = chars(&component["custom_id"]);
                rule(id > 100, format!("a custom_id has {id} characters; Discord allows 100"));
                if let Some(options) = component["options"].as_array() {
                    rule(
                        options.len() > 25,
                        format!("a select menu has {} options; Discord allows 25", options.len()),
                    );
                    for option in options {
                        for field in ["label", "value"] {
                            let n = chars(&option[field]);
                            rule(
                                n > 100,
                                format!("a select option's {field} has {n} characters; Discord allows 100"),
                            );
                        }
                    }
                }
                if component["type"] == 4 {
                    inputs += 1;
                }
            }
        }
        rule(
            is_modal && inputs > 5,
            format!("a modal has {inputs} text inputs; Discord allows 5"),
        );
    }
    if is_modal {
        let id = chars(&message["custom_id"]);
        rule(
            id > 100,
            format!("a modal custom_id has {id} characters; Discord allows 100"),
        );
    } else {
        let parse_empty = message["allowed_mentions"]["parse"]
            .as_array()
            .is_some_and(Vec::is_empty);
        let no_ids = ["users", "roles"]
            .iter()
            .all(|key| message["allowed_mentions"][key].as_array().is_none_or(Vec::is_empty));
        rule(
            !(parse_empty && no_ids),
            "allowed_mentions must be present with nothing to parse, so echoed text can't ping anyone".to_owned(),
        );
    }
    problems.extend(attachments(request, message));
    problems
}

/// What Discord allows in one file, and in all of a message's files: the `attachment_size_limit`
/// the stand-in's interactions announce.
pub const ATTACHMENT_LIMIT: usize = 10_485_760;

/// The `attachment://NAME` references of a message's embeds.
fn attachment_references(message: &Value) -> Vec<String> {
    let mut names = Vec::new();
    for embed in message["embeds"].as_array().into_iter().flatten() {
        for url in [
            &embed["image"]["url"],
            &embed["thumbnail"]["url"],
            &embed["author"]["icon_url"],
            &embed["footer"]["icon_url"],
        ] {
            if let Some(name) = url.as_str().and_then(|u| u.strip_prefix("attachment://")) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The rules for files: every file part is `files[N]` with an attachment of id N and the same
/// filename, every attachment has its part, filenames are plain names, every `attachment://` an
/// embed uses is attached, and the files stay within the size limit.
fn attachments(request: &Recorded, message: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let listed: Vec<(String, String)> = message["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let id = match &a["id"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (id, a["filename"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let mut seen = Vec::new();
    let mut total = 0;
    for ((file_name, bytes), part) in request.files.iter().zip(&request.parts) {
        total += bytes.len();
        if bytes.len() > ATTACHMENT_LIMIT {
            problems.push(format!(
                "file `{file_name}` has {} bytes; Discord allows {ATTACHMENT_LIMIT}",
                bytes.len()
            ));
        }
        if seen.contains(part) {
            problems.push(format!("two file parts are named `{part}`; each needs its own index"));
        }
        seen.push(part.clone());
        let Some(index) = part.strip_prefix("files[").and_then(|p| p.strip_suffix(']')) else {
            problems.push(format!("a file part is named `{part}`; Discord wants `files[N]`"));
            continue;
        };
        match listed.iter().find(|(id, _)| id == index) {
            None => problems.push(format!(
                "file part `{part}` has no entry with id {index} in `attachments`"
            )),
            Some((_, listed_name)) if listed_name != file_name => problems.push(format!(
                "attachment {index} is named `{listed_name}` but its file part is `{file_name}`"
            )),
            Some(_) => {}
        }
    }
    if total > ATTACHMENT_LIMIT {
        problems.push(format!(
            "the files hold {total} bytes in all; Discord allows {ATTACHMENT_LIMIT}"
        ));
    }
    for (id, name) in &listed {
        if !request.parts.iter().any(|p| *p == format!("files[{id}]")) {
            problems.push(format!("attachment {id} (`{name}`) has no file part `files[{id}]`"));
        }
        let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
        if !plain {
            problems.push(format!(
                "attachment {id} has the filename `{name}`; Discord wants a plain file name"
            ));
        }
    }
    for name in attachment_references(message) {
        if !request.files.iter().any(|(file, _)| *file == name) {
            problems.push(format!("an embed refers to attachment://{name}, which is not attached"));
        }
    }
    problems
}
