//! The real serenity client against the local stand-in: it connects, identifies with the fewest
//! intents, registers its slash commands (globally, or in one guild), answers /help, and stops
//! cleanly. Every request is checked against Discord's OpenAPI spec (../shared/discord/openapi.json,
//! skipped with a note outside CI when absent).

use advisor_testkit as support;

use serde_json::json;
use support::standin::{Place, StandIn, GUILD_ID};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_registers_its_commands_answers_help_and_stops_cleanly() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;

    let identify = standin.shared.lock().identifies[0].clone();
    assert_eq!(
        identify["token"].as_str().map(|t| t.trim_start_matches("Bot ")),
        Some(support::bot::TOKEN)
    );
    // GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES, and nothing privileged.
    assert_eq!(identify["intents"], json!(1 | (1 << 9) | (1 << 12)));

    let commands = standin.wait_commands(false).await;
    let names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    // The one list of commands the bot dispatches on, each registered once and in its order.
    assert_eq!(names, outsource_advisor::discord::commands::NAMES);
    for name in ["assess", "checkins", "progress", "help"] {
        assert!(names.contains(&name), "{name} is registered: {names:?}");
    }
    for command in &commands {
        let description = command["description"].as_str().unwrap_or_default();
        assert!(!description.is_empty(), "{command}");
        // Issue 30: installable by a server and by an owner for themselves (0 guild, 1 user),
        // usable in a server, the bot's DMs and other private channels.
        assert_eq!(command["integration_types"], json!([0, 1]), "{command}");
        assert_eq!(command["contexts"], json!([0, 1, 2]), "{command}");
    }

    let help = help_once_registered(&standin).await;
    assert_eq!(help.kind(), 4);
    assert!(help.is_ephemeral());
    // The five articles by title, each with its stance (tests/sources.rs).
    assert!(
        help.text().contains("What companies should outsource social media?"),
        "{}",
        help.text()
    );
    // Check-ins, and how to stop them.
    assert!(
        help.text().contains("Check-ins at your failure point"),
        "{}",
        help.text()
    );
    // Issue 30: each command named is a mention that runs it.
    let checkins_id = commands.iter().find(|c| c["name"] == "checkins").unwrap()["id"]
        .as_str()
        .unwrap();
    assert!(
        help.text().contains(&format!("</checkins:{checkins_id}> set: off")),
        "{}",
        help.text()
    );
    assert!(!help.text().contains(" /assess"), "{}", help.text());
    assert_eq!(help.data()["allowed_mentions"]["parse"], json!([]));

    bot.stop().await.expect("a clean stop");
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_guild_id_the_commands_are_registered_in_that_guild_only() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), Some(GUILD_ID)).await;
    let commands = standin.wait_commands(true).await;
    assert_eq!(commands.len(), outsource_advisor::discord::commands::NAMES.len());
    assert!(standin.shared.lock().commands.is_empty(), "nothing registered globally");
    let put = standin
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("a bulk overwrite");
    assert_eq!(
        put.path,
        format!("/applications/{}/guilds/{GUILD_ID}/commands", support::standin::APP_ID)
    );
    bot.stop().await.expect("a clean stop");
    standin.assert_clean();
}

/// Issue 30: the commands are registered when Discord's set differs, not on every READY: a
/// second process (a restart) with the same commands sends no overwrite, and learns their ids.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_only_when_they_changed() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let commands = standin.wait_commands(false).await;
    let puts = || standin.requests().into_iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts(), 1);
    bot.stop().await.expect("a clean stop");

    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let help = help_once_registered(&standin).await;
    let assess_id = commands.iter().find(|c| c["name"] == "assess").unwrap()["id"]
        .as_str()
        .unwrap();
    assert!(
        help.text().contains(&format!("</assess:{assess_id}>")),
        "{}",
        help.text()
    );
    assert_eq!(puts(), 1, "unchanged: not registered again");
    assert!(
        standin
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with("/commands")),
        "the set Discord holds was asked for"
    );
    bot.stop().await.expect("a clean stop");

    // Shown failing once the other way: a changed description is registered.
    standin.shared.lock().commands[0]["description"] = json!("an older description");
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    standin
        .wait_for("a second registration", |inner| {
            (inner.commands[0]["description"] != json!("an older description")).then_some(())
        })
        .await;
    assert_eq!(puts(), 2, "changed: registered again");
    bot.stop().await.expect("a clean stop");
    standin.assert_clean();
}

/// /help once the bot has learnt its commands' ids: READY's registration runs beside the first
/// interactions, so /help is asked again (each a whole round trip) until it mentions one.
async fn help_once_registered(standin: &StandIn) -> support::standin::user::Answer {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let help = standin.user(42).slash(Place::Dm, "help", &[]).await;
        if help.text().contains("</") || std::time::Instant::now() > deadline {
            return help;
        }
    }
}
