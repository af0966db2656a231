//! Issue 30: a whole session as an owner meets it (a first /assess, answers by clicks and a
//! form, a doubt, /advice and its card's sections, check-ins, /checkins, /help, /privacy), each
//! reply judged by the spec like every other test. With `ADVISOR_LOOK_DIR` set, every request
//! the bot sent is also written there, one `NN-label.json` each, for the discord-look tool
//! (../shared/tools/discord-look/) to draw at desktop and phone width.

use std::path::Path;

use advisor_testkit as support;
use advisor_testkit::common;

use outsource_advisor::advisor::Content;
use outsource_advisor::discord::custom_id::{Action, Section};
use outsource_advisor::store::{SledStore, Store, UserId, Wait};
use serde_json::json;
use support::standin::user::Answer;
use support::standin::{Place, Recorded, StandIn};

const OWNER: u64 = 9601;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_session_as_an_owner_meets_it() {
    let content = Content::built_in();
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        let interview = common::interview(&content, &common::persona("dentist").answers);
        store
            .update_interview(&UserId::discord(OWNER), &mut |_| Some(interview.clone()))
            .wait()
            .unwrap();
    }
    let standin = StandIn::start(support::bot::TOKEN).await;
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let mut labels: Vec<(usize, String)> = Vec::new();
    let mut mark = |label: &str, standin: &StandIn| labels.push((standin.requests().len(), label.to_owned()));

    // A newcomer: the welcome, Start, a click, a form read in doubt, yes.
    let newcomer = standin.user(9602);
    let welcome = newcomer.slash(Place::Dm, "assess", &[]).await;
    mark("assess-welcome", &standin);
    let start = welcome.find(|a| matches!(a, Action::Resume)).unwrap();
    let first = newcomer.click(Place::Dm, &welcome, &start).await;
    mark("assess-start", &standin);
    let yes = first
        .find(|a| matches!(a, Action::Answer { value, .. } if value == "yes"))
        .unwrap();
    let second = newcomer.click(Place::Dm, &first, &yes).await;
    mark("assess-answered", &standin);
    let type_it = second.find(|a| matches!(a, Action::Type { .. })).unwrap();
    let form = newcomer.click(Place::Dm, &second, &type_it).await;
    mark("assess-form", &standin);
    let doubt = newcomer
        .submit_modal(Place::Dm, &second, &form.custom_ids()[0], "part time")
        .await;
    mark("assess-doubt", &standin);
    let confirm = doubt.find(|a| matches!(a, Action::Confirm { yes: true, .. })).unwrap();
    let stored = newcomer.click(Place::Dm, &doubt, &confirm).await;
    mark("assess-confirmed", &standin);
    assert!(stored.text().starts_with("✓ "), "{}", stored.text());

    // The owner with every answer: the card, its sections, check-ins.
    let owner = standin.user(OWNER);
    let card = owner.slash(Place::Dm, "advice", &[]).await;
    mark("advice", &standin);
    let mut on = card.clone();
    for section in [Section::Why, Section::Checklist, Section::Changes] {
        let id = on.find(|a| *a == Action::Card { section }).unwrap();
        on = owner.click(Place::Dm, &on, &id).await;
        mark(&format!("advice-{section:?}").to_lowercase(), &standin);
    }
    let offer = card
        .find(|a| matches!(a, Action::CheckinsOn { two_weeks: false }))
        .unwrap();
    let checkins_on: Answer = owner.click(Place::Dm, &card, &offer).await;
    mark("advice-checkins-on", &standin);
    assert_eq!(checkins_on.kind(), 7);
    owner.slash(Place::Dm, "checkins", &[]).await;
    mark("checkins", &standin);
    owner.slash(Place::Dm, "help", &[]).await;
    mark("help", &standin);
    owner.slash(Place::Dm, "privacy", &[]).await;
    mark("privacy", &standin);
    owner.slash(Place::Dm, "advice", &[("share", json!(true))]).await;
    mark("advice-shared", &standin);

    bot.stop().await.expect("a clean stop");
    standin.assert_clean();
    if let Some(out) = std::env::var_os("ADVISOR_LOOK_DIR") {
        dump(Path::new(&out), &standin.requests(), &labels);
    }
}

/// Writes each interaction callback up to the `labels`' marks as `NN-label.json`, its files
/// under `files/`.
fn dump(out: &Path, requests: &[Recorded], labels: &[(usize, String)]) {
    std::fs::create_dir_all(out.join("files")).unwrap();
    let mut from = 0;
    let mut n = 0;
    for (upto, label) in labels {
        for request in requests[from..*upto].iter().filter(|r| r.path.contains("/callback")) {
            n += 1;
            let files: Vec<_> = request
                .files
                .iter()
                .enumerate()
                .map(|(i, (name, bytes))| {
                    let saved = format!("{n:02}-{label}-file{i}-{name}");
                    std::fs::write(out.join("files").join(&saved), bytes).unwrap();
                    json!({"name": name, "saved": saved, "bytes": bytes.len()})
                })
                .collect();
            let record = json!({"label": label, "method": request.method, "path": request.path,
                "body": request.body, "files": files});
            std::fs::write(
                out.join(format!("{n:02}-{label}.json")),
                serde_json::to_string_pretty(&record).unwrap(),
            )
            .unwrap();
        }
        from = *upto;
    }
}
