//! `/export [format]`: everything stored about you, as a JSON file (the same JSON as the
//! terminal's `export`), or with `format: csv` your answers alone, one row per question (the same
//! CSV as `export --csv`).

use super::{failed, Reply};
use crate::discord::Data;
use crate::store::UserId;

pub fn run(data: &Data, owner: u64, csv: bool) -> Reply {
    let user = UserId::discord(owner);
    let m = &data.content.messages;
    if csv {
        return match data.store.interview(&user) {
            Ok(interview) => Reply::File {
                text: m.get("discord.export_csv_text").to_owned(),
                name: "outsource-advisor-answers.csv".to_owned(),
                bytes: crate::answers_csv::answers_csv(&data.content, interview.as_ref()).into_bytes(),
            },
            Err(err) => Reply::Message(failed(data, &err)),
        };
    }
    let export = data.store.export(&user).and_then(|value| {
        serde_json::to_vec_pretty(&value).map_err(|err| crate::store::StoreError::Io(err.to_string()))
    });
    match export {
        Ok(bytes) => Reply::File {
            text: m.get("discord.export_text").to_owned(),
            name: "outsource-advisor-export.json".to_owned(),
            bytes,
        },
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
