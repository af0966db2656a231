//! `/export`: everything stored about you, as a JSON file: the same JSON as the terminal's
//! `export`.

use super::{failed, Reply};
use crate::discord::Data;
use crate::store::UserId;

pub async fn run(data: &Data, owner: u64) -> Reply {
    let export = data.store.export(&UserId::discord(owner)).await.and_then(|value| {
        serde_json::to_vec_pretty(&value).map_err(|err| crate::store::StoreError::Io(err.to_string()))
    });
    match export {
        Ok(bytes) => Reply::File {
            text: data.content.messages.get("discord.export_text").to_owned(),
            name: "outsource-advisor-export.json".to_owned(),
            bytes,
        },
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
