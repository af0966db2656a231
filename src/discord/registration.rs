//! Registering the slash commands: only when the set Discord holds differs from this build's
//! (names, descriptions, options, where they install and where they run), once per process
//! however many shards say READY. Discord limits how often commands may be overwritten and each
//! overwrite reaches clients late, so a restart that changed nothing changes nothing there.
//!
//! The registered ids are kept in [`Data`] for command mentions (`</assess:ID>`).

use serde_json::{json, Value};
use serenity::all::{Command, CreateCommand, GuildId, Http};

use super::Data;

/// What registration did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Registered {
    /// Discord already had these commands; nothing was sent.
    Unchanged(usize),
    /// The set was overwritten with this build's.
    Overwritten(usize),
}

/// Registers `commands` (in `guild` only, or globally) unless Discord holds them already, and
/// records their ids in `data`.
pub(crate) async fn register(
    http: &Http,
    guild: Option<GuildId>,
    commands: Vec<CreateCommand>,
    data: &Data,
) -> serenity::Result<Registered> {
    let held = match guild {
        Some(guild) => guild.get_commands(http).await?,
        None => Command::get_global_commands(http).await?,
    };
    let wanted: Vec<Value> = commands
        .iter()
        .map(|c| serde_json::to_value(c).unwrap_or_default())
        .collect();
    let (result, registered) = if same(&wanted, &held) {
        (Registered::Unchanged(held.len()), held)
    } else {
        let registered = match guild {
            Some(guild) => guild.set_commands(http, commands).await?,
            None => Command::set_global_commands(http, commands).await?,
        };
        (Registered::Overwritten(registered.len()), registered)
    };
    let ids = registered.iter().map(|c| (c.name.clone(), c.id.get())).collect();
    *data
        .command_ids
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = ids;
    Ok(result)
}

/// True when Discord's `held` commands are `wanted`, field for field that this bot sets.
fn same(wanted: &[Value], held: &[Command]) -> bool {
    let mut wanted: Vec<Value> = wanted.iter().map(shape).collect();
    let mut held: Vec<Value> = held
        .iter()
        .map(|c| shape(&serde_json::to_value(c).unwrap_or_default()))
        .collect();
    let by_name = |a: &Value, b: &Value| a["name"].as_str().cmp(&b["name"].as_str());
    wanted.sort_by(by_name);
    held.sort_by(by_name);
    wanted == held
}

/// A command as this bot sets it, with Discord's defaults written out, so that what was sent
/// and what Discord hands back compare equal.
fn shape(command: &Value) -> Value {
    let sorted = |value: &Value| {
        let mut list: Vec<u64> = value
            .as_array()
            .map(|l| l.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        list.sort_unstable();
        list
    };
    let options: Vec<Value> = command["options"]
        .as_array()
        .map(|options| {
            options
                .iter()
                .map(|o| {
                    json!({
                        "type": o["type"],
                        "name": o["name"],
                        "description": o["description"],
                        "required": o["required"].as_bool().unwrap_or(false),
                        "choices": o["choices"].as_array().map(|c| {
                            c.iter().map(|c| json!([c["name"], c["value"]])).collect::<Vec<_>>()
                        }).unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "name": command["name"],
        "type": command["type"].as_u64().unwrap_or(1),
        "description": command["description"],
        "options": options,
        "integration_types": sorted(&command["integration_types"]),
        "contexts": sorted(&command["contexts"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discords_defaults_and_order_compare_equal_and_any_change_does_not() {
        let sent = json!({"name": "advice", "description": "d", "integration_types": [0, 1], "contexts": [0, 1, 2],
            "options": [{"type": 5, "name": "share", "description": "s", "required": false}]});
        let held = json!({"id": "9", "application_id": "1", "version": "3", "type": 1, "name": "advice",
            "description": "d", "integration_types": [1, 0], "contexts": [2, 1, 0], "nsfw": false,
            "options": [{"type": 5, "name": "share", "description": "s"}]});
        assert_eq!(shape(&sent), shape(&held));
        for changed in [
            json!({"description": "other"}),
            json!({"integration_types": [0]}),
            json!({"contexts": null}),
            json!({"options": []}),
        ] {
            let mut other = held.clone();
            for (key, value) in changed.as_object().unwrap() {
                other[key] = value.clone();
            }
            assert_ne!(shape(&sent), shape(&other), "{changed}");
        }
    }
}
