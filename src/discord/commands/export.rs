//! `/export [format]`: everything stored about you, as a JSON file (the same JSON as the
//! terminal's `export`), or with `format: csv` your answers alone, one row per question (the same
//! CSV as `export --csv`). The history is bounded ([`crate::store::MAX_ASSESSMENTS`]), so the file
//! fits Discord's attachment limit; should it not, it is sent without indentation, and failing that
//! a notice says to use the terminal's `export`, rather than a request Discord would refuse.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::{StoreError, UserId};

/// Discord's limit on an attachment a bot sends to a server without boosts (10 MiB).
pub const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;

pub async fn run(data: &Data, owner: u64, csv: bool) -> Reply {
    let user = UserId::discord(owner);
    let m = &data.content.messages;
    if csv {
        return match data.store.interview(&user).await {
            Ok(interview) => Reply::File {
                text: m.get("discord.export_csv_text").to_owned(),
                name: "outsource-advisor-answers.csv".to_owned(),
                bytes: crate::answers_csv::answers_csv(&data.content, interview.as_ref()).into_bytes(),
            },
            Err(err) => Reply::Message(failed(data, &err)),
        };
    }
    let json = |value: &serde_json::Value, pretty: bool| {
        if pretty {
            serde_json::to_vec_pretty(value)
        } else {
            serde_json::to_vec(value)
        }
        .map_err(|err| StoreError::Io(err.to_string()))
    };
    let export = data.store.export(&user).await.and_then(|value| {
        let pretty = json(&value, true)?;
        if pretty.len() <= ATTACHMENT_MAX {
            Ok(pretty)
        } else {
            json(&value, false)
        }
    });
    match export {
        Ok(bytes) if bytes.len() <= ATTACHMENT_MAX => Reply::File {
            text: m.get("discord.export_text").to_owned(),
            name: "outsource-advisor-export.json".to_owned(),
            bytes,
        },
        Ok(bytes) => {
            tracing::warn!(user = %user, bytes = bytes.len(), "an export too large for Discord");
            Reply::Message(render::notice(m.get("discord.export_too_big")))
        }
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
