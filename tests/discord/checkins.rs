//! Check-ins in Discord (issue 16), through the real bot against the stand-in, on a fake clock:
//! the scheduler's DM (sent once, across a restart and between two schedulers), closed DMs, the
//! opt-in, snooze and stop, and the *Log this month* form read by the readers and shown by
//! `/progress` with its chart. Time moves by [`FakeClock::set`] and a wake, never by sleeping.

use advisor_testkit as support;
use advisor_testkit::common;

use std::path::Path;
use std::sync::Arc;

use outsource_advisor::advisor::checkin::{CheckinRecord, CheckinRules};
use outsource_advisor::advisor::read::Metric;
use outsource_advisor::advisor::Content;
use outsource_advisor::clock::FakeClock;
use outsource_advisor::discord::checkin_dm::Dms;
use outsource_advisor::discord::custom_id::{Action, CustomId};
use outsource_advisor::discord::scheduler::{self, Schedule};
use outsource_advisor::discord::Data;
use outsource_advisor::store::{SledStore, Store, UserId};
use serde_json::{json, Value};
use support::bot::{self as test_bot, RunningBot, TOKEN};
use support::standin::user::Answer;
use support::standin::{Fault, Inner, Place, StandIn, Stored};

/// 2026-01-01T09:00:00Z, and the first of each month after it at 09:00.
const JAN_1: u64 = 1_767_258_000;
const FEB_1: u64 = JAN_1 + 31 * 86_400;
const DAY: u64 = 86_400;

const OWNER: u64 = 4_242_424_242;

fn open(dir: &Path) -> Arc<dyn Store> {
    Arc::new(SledStore::open(dir).expect("the store opens"))
}

fn rules() -> CheckinRules {
    CheckinRules::from_content(&Content::built_in())
}

/// The dentist's whole interview (tests/personas/dentist.toml): advice with a failure point of
/// $2,000 a month for 6 months, stop under 5 sales a month.
async fn dentist(store: &dyn Store, owner: u64) {
    let interview = common::interview(&Content::built_in(), &common::persona("dentist").answers);
    store
        .update_interview(&UserId::discord(owner), &mut |_| Some(interview.clone()))
        .await
        .expect("the interview is saved");
}

/// Monthly check-ins on a six-month sales plan started on 1 January: the first due 1 February.
async fn checkins_on(store: &dyn Store, owner: u64) {
    let record = common::sales_plan_checkins(JAN_1, &rules());
    store
        .update_checkins(&UserId::discord(owner), &mut |_| Some(record.clone()))
        .await
        .expect("the check-ins are saved");
}

/// The bot on `store` and `clock`; the schedule's handle is kept to wake it and count rounds.
async fn start(standin: &StandIn, store: &Arc<dyn Store>, clock: &FakeClock) -> (RunningBot, Arc<Schedule>) {
    let data = Data::new(Content::built_in(), Arc::clone(store)).with_clock(Arc::new(clock.clone()));
    let schedule = Arc::clone(&data.schedule);
    let bot = test_bot::start_with_data(standin, data, None).await;
    (bot, schedule)
}

/// Moves the clock to `now` and waits for a whole round of the scheduler that began at it.
async fn at(clock: &FakeClock, schedule: &Schedule, now: u64) {
    clock.set(now);
    schedule.wake();
    within(schedule.wait_round_at(now)).await;
}

async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(support::standin::WAIT, future)
        .await
        .expect("the scheduler ran a round in time")
}

/// Every check-in DM the bot sent `owner`.
fn checkin_dms(standin: &StandIn, owner: u64) -> Vec<Stored> {
    dms_in(&standin.shared.lock(), owner)
}

fn dms_in(inner: &Inner, owner: u64) -> Vec<Stored> {
    let Some(&channel) = inner.dm_channels.get(&owner) else {
        return Vec::new();
    };
    inner
        .channel_messages
        .iter()
        .filter(|m| m.channel_id == channel && has_button(&m.body, &id(owner, Action::CheckinLog)))
        .cloned()
        .collect()
}

/// The custom_id the bot gives `owner`'s component for `action`, encoded as the bot encodes it.
fn id(owner: u64, action: Action) -> String {
    CustomId::new(owner, action).encode()
}

fn has_button(body: &Value, custom_id: &str) -> bool {
    support::standin::user::custom_ids(body)
        .iter()
        .any(|id| id == custom_id)
}

async fn wait_dms(standin: &StandIn, owner: u64, count: usize) -> Vec<Stored> {
    standin
        .wait_for(&format!("{count} check-in DM(s) to {owner}"), |inner| {
            let dms = dms_in(inner, owner);
            (dms.len() >= count).then_some(dms)
        })
        .await
}

/// A DM as the message a click is on.
fn on_dm(dm: &Stored) -> Answer {
    Answer {
        interaction_id: dm.id,
        token: format!("dm{}", dm.id),
        callback: json!({"type": 4, "data": dm.body}),
    }
}

async fn record(store: &Arc<dyn Store>, owner: u64) -> CheckinRecord {
    store
        .checkins(&UserId::discord(owner))
        .await
        .unwrap()
        .expect("a check-in record")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_check_in_is_sent_once_and_once_only_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let clock = FakeClock::at(JAN_1);
    let store = open(dir.path());
    dentist(store.as_ref(), OWNER).await;
    let (bot, schedule) = start(&standin, &store, &clock).await;
    let owner = standin.user(OWNER);

    // Off until chosen: the advice offers them, and the button turns them on.
    assert_eq!(store.checkins(&UserId::discord(OWNER)).await.unwrap(), None);
    let advice = owner.slash(Place::Dm, "advice", &[]).await;
    let offer = id(OWNER, Action::CheckinsOn { two_weeks: false });
    assert!(advice.custom_ids().contains(&offer), "{:?}", advice.custom_ids());
    let on = owner.click(Place::Dm, &advice, &offer).await;
    // Issue 30: in place, the offer gone, the card's own buttons kept.
    assert_eq!(on.kind(), 7, "{}", on.callback);
    assert!(!on.custom_ids().contains(&offer), "{:?}", on.custom_ids());
    assert!(
        on.data().get("embeds").is_none(),
        "the card stays as it was: {}",
        on.callback
    );
    assert!(
        on.text().contains("Check-ins are on for you: every month"),
        "{}",
        on.text()
    );
    assert!(on.text().contains("$2,000 a month for 6 months"), "{}", on.text());
    assert!(on.text().contains("under 5 sales a month"), "{}", on.text());
    within(schedule.wait_rounds(1)).await;
    at(&clock, &schedule, FEB_1 - DAY).await;
    assert!(
        checkin_dms(&standin, OWNER).is_empty(),
        "nothing is due before 1 February"
    );

    at(&clock, &schedule, FEB_1).await;
    let dms = wait_dms(&standin, OWNER, 1).await;
    let embed = &dms[0].body["embeds"][0];
    assert_eq!(embed["title"], "Month 1 of 6: $0 of $12,000 spent", "{embed}");
    // Issue 27: before anything is logged there is no pace to judge, so no "Behind … 0 sales".
    let said = embed["description"].as_str().unwrap_or_default();
    assert!(said.starts_with("Too early to judge: nothing logged yet."), "{said}");
    assert!(!said.contains("Behind") && !said.contains("On track"), "{said}");
    for button in [Action::CheckinLog, Action::CheckinSnooze, Action::CheckinsStop] {
        assert!(has_button(&dms[0].body, &id(OWNER, button.clone())), "{button:?}");
    }
    at(&clock, &schedule, FEB_1 + 3600).await;

    // A restart in the middle of the month: the new process does not send it again.
    bot.stop().await.expect("the bot stops cleanly");
    drop(store);
    let store = open(dir.path());
    let (bot, schedule) = start(&standin, &store, &clock).await;
    within(schedule.wait_rounds(1)).await;
    at(&clock, &schedule, FEB_1 + 2 * 3600).await;
    assert_eq!(checkin_dms(&standin, OWNER).len(), 1, "sent once across the restart");
    assert_eq!(record(&store, OWNER).await.next_due, Some(FEB_1 + 28 * DAY));
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_downtime_one_catch_up_is_sent_not_one_per_missed_month() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    checkins_on(store.as_ref(), OWNER).await;
    // Down from January to mid-April: February, March and April were missed.
    let clock = FakeClock::at(FEB_1 + 73 * DAY);
    let (bot, schedule) = start(&standin, &store, &clock).await;
    within(schedule.wait_rounds(1)).await;
    at(&clock, &schedule, FEB_1 + 74 * DAY).await;
    assert_eq!(wait_dms(&standin, OWNER, 1).await.len(), 1, "one catch-up");
    assert_eq!(checkin_dms(&standin, OWNER).len(), 1, "one catch-up, not three");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_dms_are_marked_and_the_owner_is_told_at_the_next_progress_or_assess() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    checkins_on(store.as_ref(), OWNER).await;
    let closed = json!({"message": "Cannot send messages to this user", "code": 50007});
    standin.inject("POST /channels/{}/messages", Fault::Refused(403, closed.clone()));
    let clock = FakeClock::at(FEB_1);
    let (bot, schedule) = start(&standin, &store, &clock).await;
    within(schedule.wait_rounds(1)).await;
    assert_eq!(
        record(&store, OWNER).await.dms_closed,
        Some(FEB_1),
        "marked in the record"
    );
    let owner = standin.user(OWNER);
    let progress = owner.slash(Place::Guild, "progress", &[]).await;
    assert!(progress.is_ephemeral());
    let told = format!("I couldn't send you your check-in of <t:{FEB_1}:f>");
    assert!(progress.text().contains(&told), "{}", progress.text());
    let again = owner.slash(Place::Guild, "progress", &[]).await;
    assert!(!again.text().contains(&told), "told once: {}", again.text());
    assert_eq!(record(&store, OWNER).await.dms_closed, None);

    // The next month's is refused too, as Discord refuses an owner who shares no server with the
    // bot (a user install, issue 30): the same "can't DM"; this time /assess tells it.
    let _ = closed;
    let no_mutual =
        json!({"message": "Cannot send messages to this user due to having no mutual guilds", "code": 50278});
    standin.inject("POST /channels/{}/messages", Fault::Refused(403, no_mutual));
    at(&clock, &schedule, FEB_1 + 28 * DAY).await;
    // This owner never answered here: the welcome card, with the notice under it.
    let assess = owner.slash(Place::Guild, "assess", &[]).await;
    assert!(
        assess.text().contains(&format!(
            "I couldn't send you your check-in of <t:{}:f>",
            FEB_1 + 28 * DAY
        )),
        "{}",
        assess.text()
    );
    assert!(
        assess.find(|a| matches!(a, Action::Resume)).is_some(),
        "the interview is a click away: {}",
        assess.text()
    );
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snooze_puts_it_off_a_week_and_stop_or_checkins_off_ends_them() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    checkins_on(store.as_ref(), OWNER).await;
    dentist(store.as_ref(), OWNER).await;
    let clock = FakeClock::at(FEB_1);
    let (bot, schedule) = start(&standin, &store, &clock).await;
    let owner = standin.user(OWNER);
    let dm = wait_dms(&standin, OWNER, 1).await.remove(0);

    let snoozed = owner
        .click(Place::Dm, &on_dm(&dm), &id(OWNER, Action::CheckinSnooze))
        .await;
    // In place, in each reader's own time zone, its buttons gone.
    assert_eq!(snoozed.kind(), 7, "{}", snoozed.callback);
    let week = FEB_1 + 7 * DAY;
    assert!(
        snoozed
            .text()
            .contains(&format!("I'll check in again on <t:{week}:f> (<t:{week}:R>)")),
        "{}",
        snoozed.text()
    );
    assert!(snoozed.custom_ids().is_empty(), "{:?}", snoozed.custom_ids());
    assert_eq!(record(&store, OWNER).await.next_due, Some(FEB_1 + 7 * DAY));
    at(&clock, &schedule, FEB_1 + 7 * DAY - 1).await;
    assert_eq!(checkin_dms(&standin, OWNER).len(), 1, "not before the week is up");
    at(&clock, &schedule, FEB_1 + 7 * DAY).await;
    let dm = wait_dms(&standin, OWNER, 2).await.remove(1);

    let stopped = owner
        .click(Place::Dm, &on_dm(&dm), &id(OWNER, Action::CheckinsStop))
        .await;
    assert_eq!(stopped.kind(), 7);
    assert!(stopped.text().contains("Check-ins are off"), "{}", stopped.text());
    let kept = record(&store, OWNER).await;
    assert!(!kept.on && kept.next_due.is_none(), "{kept:?}");
    at(&clock, &schedule, FEB_1 + 90 * DAY).await;
    assert_eq!(checkin_dms(&standin, OWNER).len(), 2, "none after stop");

    // Issue 30: /checkins with no option says where they stand and enrols nobody.
    let status = owner.slash(Place::Guild, "checkins", &[]).await;
    assert!(status.text().starts_with("Check-ins are off."), "{}", status.text());
    assert!(!record(&store, OWNER).await.on, "asking is not turning on");
    // /checkins turns them on again (every two weeks), and `set: off` ends them.
    let on = owner
        .slash(Place::Guild, "checkins", &[("set", json!("two_weeks"))])
        .await;
    assert!(on.text().contains("every two weeks"), "{}", on.text());
    assert!(record(&store, OWNER).await.on);
    let status = owner.slash(Place::Guild, "checkins", &[]).await;
    assert!(
        status
            .text()
            .starts_with("Check-ins are on: every two weeks; the next is <t:"),
        "{}",
        status.text()
    );
    let off = owner.slash(Place::Guild, "checkins", &[("set", json!("off"))]).await;
    assert!(off.text().contains("Check-ins are off"), "{}", off.text());
    assert!(!record(&store, OWNER).await.on);
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_values_are_read_stored_and_shown_by_progress_with_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    checkins_on(store.as_ref(), OWNER).await;
    let clock = FakeClock::at(FEB_1);
    let (bot, _schedule) = start(&standin, &store, &clock).await;
    let owner = standin.user(OWNER);
    let dm = wait_dms(&standin, OWNER, 1).await.remove(0);

    let form = owner
        .click(Place::Dm, &on_dm(&dm), &id(OWNER, Action::CheckinLog))
        .await;
    assert_eq!(form.kind(), 9, "Log this month opens a form: {}", form.callback);
    let form_id = id(OWNER, Action::CheckinForm { metric: Metric::Sales });
    assert_eq!(form.custom_ids()[0], form_id);
    let inputs: Vec<&str> = form.data()["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["components"][0]["custom_id"].as_str())
        .collect();
    assert_eq!(inputs, ["spend", "leads", "sales"]);

    // Unreadable: re-asked privately, with the reader's reason, and nothing stored.
    let refused = owner
        .submit_form(
            Place::Dm,
            &on_dm(&dm),
            &form_id,
            &[("spend", "lots"), ("leads", ""), ("sales", "2")],
        )
        .await;
    assert!(refused.is_ephemeral());
    assert!(
        refused.text().starts_with("Spent on social media this month: "),
        "{}",
        refused.text()
    );
    assert!(refused.text().contains("Nothing was logged"), "{}", refused.text());
    assert!(
        refused.custom_ids().contains(&id(OWNER, Action::CheckinLog)),
        "asked again"
    );
    assert!(record(&store, OWNER).await.log.is_empty(), "nothing stored");

    let logged = owner
        .submit_form(
            Place::Dm,
            &on_dm(&dm),
            &form_id,
            &[("spend", "$1.2k"), ("leads", ""), ("sales", "3")],
        )
        .await;
    // Issue 30: the DM itself becomes "Logged ✓ month 1", its buttons gone.
    assert_eq!(logged.kind(), 7, "{}", logged.callback);
    assert!(logged.text().starts_with("Logged ✓ month 1"), "{}", logged.text());
    assert!(logged.custom_ids().is_empty(), "{:?}", logged.custom_ids());
    assert!(
        logged.text().contains("Month 1 of 6: $1,200 of $6,000 spent"),
        "{}",
        logged.text()
    );
    // A Snooze still showing somewhere (an old copy of the DM) no longer brings the next
    // check-in sooner: before, it moved 1 March back to 8 February.
    let due = record(&store, OWNER).await.next_due;
    owner
        .click(Place::Dm, &on_dm(&dm), &id(OWNER, Action::CheckinSnooze))
        .await;
    assert_eq!(record(&store, OWNER).await.next_due, due);
    let log = record(&store, OWNER).await.log;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].spend, log[0].leads, log[0].sales),
        (Some(1200.0), None, Some(3.0))
    );

    let progress = owner.slash(Place::Guild, "progress", &[]).await;
    assert!(progress.is_ephemeral(), "the owner's figures are theirs alone");
    let text = progress.text();
    assert!(text.contains("Month 1 of 6: $1,200 of $6,000 spent"), "{text}");
    assert!(
        text.contains(&format!("<t:{FEB_1}:f> (<t:{FEB_1}:R>): spent $1,200; sales: 3")),
        "{text}"
    );
    assert!(
        text.contains("Return so far: $360 in sales (3 sales at $120)"),
        "{text}"
    );
    // Issue 27: one month of 3 sales is not a pace; the DM's reply and /progress say the same.
    for said in [&text, &logged.text()] {
        assert!(said.contains("Too early to judge: one check-in logged"), "{said}");
        assert!(!said.contains("On track") && !said.contains("Behind"), "{said}");
    }
    assert_eq!(
        progress.data()["embeds"][0]["image"]["url"],
        "attachment://outsource-advisor-progress.png"
    );
    let callback = standin
        .requests()
        .into_iter()
        .find(|r| r.path.contains(&progress.token) && r.path.ends_with("/callback"))
        .expect("the callback was recorded");
    assert_eq!(callback.files.len(), 1);
    assert_eq!(callback.files[0].0, "outsource-advisor-progress.png");
    assert!(callback.files[0].1.starts_with(b"\x89PNG"), "a PNG chart");

    // /export includes them; /forget deletes them with the due entry.
    let export = owner.slash(Place::Dm, "export", &[]).await;
    let file = owner.deferred_reply(&export).await;
    let json: Value = serde_json::from_slice(&file.files[0].1).expect("the export is JSON");
    let kept = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "checkins")
        .unwrap_or_else(|| panic!("the check-ins in {json}"));
    assert_eq!(kept["value"]["log"][0]["spend"], 1200.0);
    let forget = owner.slash(Place::Dm, "forget", &[]).await;
    owner.click(Place::Dm, &forget, &id(OWNER, Action::ForgetConfirm)).await;
    assert_eq!(store.checkins(&UserId::discord(OWNER)).await.unwrap(), None);
    assert!(store.due(u64::MAX).await.unwrap().is_empty(), "no due entry left");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_over_one_store_send_each_check_in_once() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    let owners: Vec<u64> = (1..=12).map(|n| OWNER + n).collect();
    for &owner in &owners {
        checkins_on(store.as_ref(), owner).await;
    }
    let clock = FakeClock::at(FEB_1);
    let schedulers: Vec<_> = (0..2)
        .map(|_| {
            let data = Arc::new(Data::new(Content::built_in(), Arc::clone(&store)).with_clock(Arc::new(clock.clone())));
            let schedule = Arc::clone(&data.schedule);
            (
                scheduler::spawn(data, Dms::new(Some(&standin.base_url()), TOKEN)),
                schedule,
            )
        })
        .collect();
    for (_, schedule) in &schedulers {
        within(schedule.wait_rounds(1)).await;
    }
    for &owner in &owners {
        assert_eq!(checkin_dms(&standin, owner).len(), 1, "owner {owner}: once");
    }
    for (guard, _) in schedulers {
        guard.stop().await;
    }
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_is_retried_after_a_5xx_and_a_429s_retry_after_and_given_up_after_a_few_tries() {
    let dir = tempfile::tempdir().unwrap();
    let standin = StandIn::start(TOKEN).await;
    let store = open(dir.path());
    checkins_on(store.as_ref(), OWNER).await;
    standin.inject("POST /users/@me/channels", Fault::ServerError);
    standin.inject("POST /channels/{}/messages", Fault::RateLimited(0.6));
    let clock = FakeClock::at(FEB_1);
    let (bot, schedule) = start(&standin, &store, &clock).await;
    assert_eq!(wait_dms(&standin, OWNER, 1).await.len(), 1);
    let posts = |path: &dyn Fn(&str) -> bool| -> Vec<std::time::Instant> {
        standin
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && path(&r.path))
            .map(|r| r.at)
            .collect()
    };
    assert_eq!(
        posts(&|p| p == "/users/@me/channels").len(),
        2,
        "the 500 was tried again"
    );
    let messages = posts(&|p| p.starts_with("/channels/"));
    assert_eq!(messages.len(), 2, "the 429 was tried again");
    let waited = messages[1] - messages[0];
    assert!(
        waited >= std::time::Duration::from_millis(600),
        "retry_after honoured: {waited:?}"
    );

    // Five 5xx in a row: given up; the schedule has moved on, and nothing is sent twice.
    for _ in 0..5 {
        standin.inject("POST /channels/{}/messages", Fault::ServerError);
    }
    at(&clock, &schedule, FEB_1 + 28 * DAY).await;
    assert_eq!(posts(&|p| p.starts_with("/channels/")).len(), 7, "five tries, no more");
    assert_eq!(checkin_dms(&standin, OWNER).len(), 1);
    assert_eq!(record(&store, OWNER).await.next_due, Some(FEB_1 + 59 * DAY));
    bot.stop().await.unwrap();
    standin.assert_clean();
}
