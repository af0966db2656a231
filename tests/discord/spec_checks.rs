//! The stand-in's judges can fail: each spec and limit check is shown refusing a deliberately bad
//! request, and the stand-in's own answers are shown to match the responses Discord documents.
//! Spec checks need ../shared/discord/openapi.json (or DISCORD_OPENAPI_SPEC); without it they are
//! skipped with a note, except under CI=true, where that is an error.

use advisor_testkit as support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::standin::spec::Spec;
use support::standin::{limits, message_json, rest, user_json, Recorded, StandIn, APP_ID, BOT_ID};

fn request(method: &str, path: &str, body: Value) -> Recorded {
    Recorded {
        method: method.to_owned(),
        path: path.to_owned(),
        body: Some(body),
        files: Vec::new(),
        parts: Vec::new(),
        at: Instant::now(),
    }
}

fn reply(data: Value) -> Recorded {
    request(
        "POST",
        "/interactions/1/tok1/callback",
        json!({"type": 4, "data": data}),
    )
}

fn good_message() -> Value {
    json!({"content": "hello", "allowed_mentions": {"parse": []}, "flags": 64})
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

fn button(id: &str) -> Value {
    json!({"type": 2, "style": 1, "label": "x", "custom_id": id})
}

fn assert_refused(recorded: &Recorded, rule: &str) {
    let problems = limits::check(recorded);
    assert!(
        problems.iter().any(|p| p.contains(rule)),
        "expected a `{rule}` violation, got {problems:?}"
    );
}

#[test]
fn a_good_message_breaks_no_limit() {
    assert_eq!(limits::check(&reply(good_message())), Vec::<String>::new());
}

#[test]
fn each_limit_check_refuses_a_message_that_breaks_it() {
    assert_refused(
        &reply(with(good_message(), "content", json!("x".repeat(2_001)))),
        "content has 2001",
    );
    let embed = |description: usize| json!({"title": "t", "description": "d".repeat(description)});
    assert_refused(
        &reply(with(good_message(), "embeds", json!(vec![embed(1); 11]))),
        "11 embeds",
    );
    assert_refused(
        &reply(with(good_message(), "embeds", json!([embed(4_097)]))),
        "embed description has 4097",
    );
    assert_refused(
        &reply(with(good_message(), "embeds", json!([embed(4_000), embed(2_001)]))),
        "characters in all",
    );
    let fields: Vec<Value> = (0..26)
        .map(|i| json!({"name": format!("f{i}"), "value": "v"}))
        .collect();
    assert_refused(
        &reply(with(good_message(), "embeds", json!([{"fields": fields}]))),
        "26 fields",
    );
    let long_field = json!([{"fields": [{"name": "n", "value": "v".repeat(1_025)}]}]);
    assert_refused(
        &reply(with(good_message(), "embeds", long_field)),
        "field value has 1025",
    );
    let six_buttons: Vec<Value> = (0..6).map(|i| button(&format!("b{i}"))).collect();
    let row = |components: Vec<Value>| json!({"type": 1, "components": components});
    assert_refused(
        &reply(with(good_message(), "components", json!([row(six_buttons)]))),
        "6 buttons",
    );
    let rows: Vec<Value> = (0..6).map(|i| row(vec![button(&format!("r{i}"))])).collect();
    assert_refused(&reply(with(good_message(), "components", json!(rows))), "6 action rows");
    assert_refused(
        &reply(with(
            good_message(),
            "components",
            json!([row(vec![button(&"x".repeat(101))])]),
        )),
        "custom_id has 101",
    );
    let options: Vec<Value> = (0..26)
        .map(|i| json!({"label": format!("o{i}"), "value": format!("o{i}")}))
        .collect();
    let select = json!({"type": 3, "custom_id": "s", "options": options});
    assert_refused(
        &reply(with(good_message(), "components", json!([row(vec![select])]))),
        "26 options",
    );
    for (field, other) in [("label", "value"), ("value", "label")] {
        let option = json!({field: "x".repeat(101), other: "o"});
        let select = json!({"type": 3, "custom_id": "s", "options": [option]});
        assert_refused(
            &reply(with(good_message(), "components", json!([row(vec![select])]))),
            &format!("select option's {field} has 101 characters"),
        );
    }
    let no_mentions_rule = "allowed_mentions must be present";
    assert_refused(&reply(json!({"content": "@everyone"})), no_mentions_rule);
    assert_refused(
        &reply(json!({"content": "hi", "allowed_mentions": {"parse": ["everyone"]}})),
        no_mentions_rule,
    );
    assert_refused(
        &request("POST", "/channels/5/messages", json!({"content": "hi"})),
        no_mentions_rule,
    );
    let inputs: Vec<Value> = (0..6)
        .map(|i| {
            row(vec![
                json!({"type": 4, "custom_id": format!("i{i}"), "style": 1, "label": "l"}),
            ])
        })
        .collect();
    let modal = request(
        "POST",
        "/interactions/1/tok1/callback",
        json!({"type": 9, "data": {"custom_id": "m", "title": "t", "components": inputs}}),
    );
    assert_refused(&modal, "6 text inputs");
}

#[test]
fn the_spec_refuses_a_body_that_breaks_discords_schema() {
    let Some(spec) = Spec::load() else { return };
    let good = reply(good_message());
    assert_eq!(spec.check_request(&good), Ok(()));
    let bad_type = request(
        "POST",
        "/interactions/1/tok1/callback",
        json!({"type": "banana", "data": {}}),
    );
    assert!(
        spec.check_request(&bad_type).is_err(),
        "a callback type must be a number"
    );
    let bad_content = request(
        "POST",
        "/channels/5/messages",
        json!({"content": 42, "allowed_mentions": {"parse": []}}),
    );
    let problem = spec.check_request(&bad_content).expect_err("content must be a string");
    assert!(problem.contains("OpenAPI"), "{problem}");
    let bad_command = request(
        "PUT",
        &format!("/applications/{APP_ID}/commands"),
        json!([{"name": 7, "description": "d"}]),
    );
    assert!(
        spec.check_request(&bad_command).is_err(),
        "a command name must be a string"
    );
    let unknown = request("POST", "/no/such/route", json!({}));
    assert!(spec.check_request(&unknown).is_err());
}

#[test]
fn the_standins_own_answers_match_discords_documented_responses() {
    let Some(spec) = Spec::load() else { return };
    let bot = user_json(BOT_ID, true);
    let message = message_json(
        77,
        5,
        bot.clone(),
        &json!({"content": "hi", "embeds": [], "components": []}),
    );
    let cases = [
        ("GET", "/users/@me".to_owned(), support::standin::me_json()),
        ("GET", "/applications/@me".to_owned(), rest::application_json()),
        ("GET", "/gateway".to_owned(), json!({"url": "ws://127.0.0.1:1/gateway"})),
        (
            "GET",
            "/gateway/bot".to_owned(),
            json!({"url": "ws://127.0.0.1:1/gateway", "shards": 1,
                   "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}),
        ),
        ("POST", "/channels/5/messages".to_owned(), message.clone()),
        ("POST", format!("/webhooks/{APP_ID}/tok1"), message.clone()),
        ("PATCH", format!("/webhooks/{APP_ID}/tok1/messages/@original"), message),
        (
            "POST",
            "/users/@me/channels".to_owned(),
            json!({"id": "9", "type": 1, "last_message_id": null, "flags": 0, "recipients": [user_json(42, false)]}),
        ),
    ];
    for (method, path, body) in cases {
        if let Err(problem) = spec.check_response(method, &path, 200, &body) {
            panic!("{method} {path}: the stand-in's answer {problem}\n{body:#}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_first_response_to_an_interaction_is_a_violation() {
    let standin = StandIn::start("token").await;
    let dispatched = Instant::now()
        .checked_sub(Duration::from_secs(4))
        .expect("a clock past boot");
    standin
        .shared
        .lock()
        .interactions
        .insert(5, ("tok5".to_owned(), dispatched, None));
    let http = serenity::all::HttpBuilder::new("token")
        .proxy(standin.base_url())
        .ratelimiter_disabled(true)
        .build();
    let response = serenity::all::CreateInteractionResponse::Message(
        serenity::all::CreateInteractionResponseMessage::new()
            .content("late")
            .allowed_mentions(serenity::all::CreateAllowedMentions::new()),
    );
    http.create_interaction_response(5.into(), "tok5", &response, Vec::new())
        .await
        .expect("the stand-in answers");
    let violations = standin.violations();
    assert!(
        violations.iter().any(|v| v.contains("Discord allows 3 s")),
        "{violations:?}"
    );
}

/// A callback carrying files: `parts` are (form field, file name, size in bytes).
fn with_files(data: Value, parts: &[(&str, &str, usize)]) -> Recorded {
    let mut recorded = reply(data);
    recorded.files = parts
        .iter()
        .map(|(_, name, size)| ((*name).to_owned(), vec![0; *size]))
        .collect();
    recorded.parts = parts.iter().map(|(part, _, _)| (*part).to_owned()).collect();
    recorded
}

fn with_attachments(attachments: Value, image: Option<&str>) -> Value {
    let mut data = with(good_message(), "attachments", attachments);
    if let Some(url) = image {
        data["embeds"] = json!([{"title": "t", "image": {"url": url}}]);
    }
    data
}

#[test]
fn each_attachment_check_refuses_a_message_that_breaks_it() {
    let one = json!([{"id": "0", "filename": "chart.png"}]);
    let good = with_files(
        with_attachments(one.clone(), Some("attachment://chart.png")),
        &[("files[0]", "chart.png", 100)],
    );
    assert_eq!(limits::check(&good), Vec::<String>::new(), "a good attachment passes");

    // The part's index must name an attachment id.
    assert_refused(
        &with_files(with_attachments(one.clone(), None), &[("files[1]", "chart.png", 10)]),
        "has no entry with id 1",
    );
    // Every attachment listed needs its part.
    assert_refused(
        &with_files(
            with_attachments(
                json!([{"id": "0", "filename": "chart.png"}, {"id": "1", "filename": "b.md"}]),
                None,
            ),
            &[("files[0]", "chart.png", 10)],
        ),
        "attachment 1 (`b.md`) has no file part",
    );
    // Two parts under one index: what serenity does with several files built by hand.
    assert_refused(
        &with_files(
            with_attachments(
                json!([{"id": "0", "filename": "a.png"}, {"id": "0", "filename": "b.png"}]),
                None,
            ),
            &[("files[0]", "a.png", 10), ("files[0]", "b.png", 10)],
        ),
        "two file parts are named `files[0]`",
    );
    assert_refused(
        &with_files(with_attachments(one.clone(), None), &[("file", "chart.png", 10)]),
        "Discord wants `files[N]`",
    );
    // The filename in the payload must be the part's.
    assert_refused(
        &with_files(with_attachments(one.clone(), None), &[("files[0]", "other.png", 10)]),
        "is named `chart.png` but its file part is `other.png`",
    );
    assert_refused(
        &with_files(
            with_attachments(json!([{"id": "0", "filename": "../chart.png"}]), None),
            &[("files[0]", "../chart.png", 10)],
        ),
        "wants a plain file name",
    );
    // An embed may only show what is attached.
    assert_refused(
        &with_files(
            with_attachments(one.clone(), Some("attachment://missing.png")),
            &[("files[0]", "chart.png", 10)],
        ),
        "refers to attachment://missing.png, which is not attached",
    );
    // The size limit, per file and in all.
    assert_refused(
        &with_files(
            with_attachments(one, None),
            &[("files[0]", "chart.png", limits::ATTACHMENT_LIMIT + 1)],
        ),
        "Discord allows 10485760",
    );
    assert_refused(
        &with_files(
            with_attachments(
                json!([{"id": "0", "filename": "a.png"}, {"id": "1", "filename": "b.png"}]),
                None,
            ),
            &[
                ("files[0]", "a.png", limits::ATTACHMENT_LIMIT / 2 + 1),
                ("files[1]", "b.png", limits::ATTACHMENT_LIMIT / 2 + 1),
            ],
        ),
        "in all; Discord allows",
    );
}
