//! The brief, the CSV export and the chart from the command line: the brief has every section for
//! a finished persona, shows typed Markdown as typed, and refuses to exist without answers; the
//! CSV parses back with one row per question; the chart is a PNG of the size asked.

use advisor_testkit::common;

use outsource_advisor::store::Wait;
use std::path::Path;
use std::process::{Command, Output};

use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::read::Reading;
use outsource_advisor::advisor::{Content, Interview};
use outsource_advisor::brief;
use outsource_advisor::store::{SledStore, Store, UserId};

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");

const HEADINGS: [&str; 13] = [
    "## Your business",
    "## The recommendation",
    "## Budget",
    "## Scope",
    "## Timeline",
    "## Voice and assets",
    "## Contacts and approvals",
    "## Accounts and access",
    "## Reporting",
    "## Targets and the failure point",
    "## How we will choose",
    "## Questions to ask a provider before you sign",
    "## What's still open",
];

fn persona_interview(content: &Content, name: &str) -> Interview {
    common::interview(content, &common::persona(name).answers)
}

fn markdown(content: &Content, interview: &Interview) -> String {
    brief::from_answers(content, interview, &advise(content, interview))
        .expect("a brief for answers")
        .markdown()
}

/// Sets the prime customer's answer to `text`, exactly as typed.
fn with_prime_customer(mut interview: Interview, text: &str) -> Interview {
    let answer = interview.answers.get_mut("prime_customer").expect("answered");
    answer.raw = text.to_owned();
    answer.reading = Reading::Text { text: text.to_owned() };
    interview
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("ADVISOR_DB", db)
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .output()
        .expect("the binary runs")
}

fn save(db: &Path, user: &str, interview: &Interview) {
    let store = SledStore::open(db).expect("a fresh store");
    store
        .update_interview(&UserId::local(user), &mut |_| Some(interview.clone()))
        .wait()
        .expect("saved");
}

/// Hours fill in with their unit, singular for one: the dentist's plan asks 1 hour a week of
/// them, which the cost line once wrote "1 hours a week".
#[test]
fn one_hour_a_week_is_said_in_the_singular() {
    let content = Content::built_in();
    let text = markdown(&content, &persona_interview(&content, "dentist"));
    assert!(text.contains("(1 hour a week at $150 an hour)"), "{text}");
    assert!(text.contains("1 hour a week to review their report"), "{text}");
    assert!(!text.contains(" 1 hours"), "{text}");
}

#[test]
fn a_finished_persona_gets_every_section_in_order_with_its_own_figures() {
    let content = Content::built_in();
    let interview = persona_interview(&content, "dentist");
    let text = markdown(&content, &interview);
    assert!(text.starts_with("# Social media brief\n"), "{text}");
    let mut at = 0;
    for heading in HEADINGS {
        let found = text[at..]
            .lines()
            .position(|line| line == heading)
            .unwrap_or_else(|| panic!("no `{heading}` line after the previous section:\n{text}"));
        at += text[at..].lines().take(found + 1).map(|l| l.len() + 1).sum::<usize>();
    }
    let section = |heading: &str| -> String {
        let start = text.find(&format!("{heading}\n")).unwrap();
        let rest = &text[start + heading.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_owned()
    };
    let advice = advise(&content, &interview);
    let persona = common::persona("dentist");
    let business = section(HEADINGS[0]);
    assert!(
        business.contains(persona.answers["prime_customer"].trim()),
        "{business}"
    );
    assert!(business.contains("**What success means**"), "{business}");
    let recommendation = section(HEADINGS[1]);
    let outcome = advice.outcome.expect("the dentist gets a recommendation");
    let key = format!("outcome.{}.title", outcome.id());
    let title = content.messages.get(&key);
    assert!(recommendation.contains(title), "{recommendation}");
    for reason in &advice.reasons {
        for source in &reason.sources {
            // Cited by title, never by file name (tests/sources.rs).
            let title = &content.article(source).expect("an article").title;
            assert!(recommendation.contains(title.as_str()), "{recommendation}");
        }
    }
    let handover = section(HEADINGS[3]);
    assert!(handover.contains("**Hand over**"), "{handover}");
    // Issue 31: the dentist picked every activity and cares little for the personal touch, so
    // nothing is kept in-house that they never mentioned (it used to say "Working with influencers").
    assert!(!handover.contains("**Keep in-house**"), "{handover}");
    assert!(
        handover.contains("“Which parts of social media to outsource”"),
        "{handover}"
    );
    let targets = section(HEADINGS[9]);
    assert_eq!(
        targets.lines().filter(|l| l.starts_with("- ")).count(),
        advice.checklist.len(),
        "{targets}"
    );
    assert!(targets.contains("Failure point"), "{targets}");
    let provider = section(HEADINGS[11]);
    assert_eq!(
        provider.lines().filter(|l| l.starts_with("- ")).count(),
        4,
        "{provider}"
    );
    assert!(
        provider.contains("6 minutes") && provider.contains("67 minutes"),
        "{provider}"
    );
    // Issue 31: ownership is the owner's terms, not a question.
    let access = section(HEADINGS[7]);
    assert!(access.contains("never a password"), "{access}");
    assert!(!provider.contains("password"), "{provider}");
    let open = section(HEADINGS[12]);
    assert!(!open.trim().is_empty());
}

#[test]
fn markdown_the_owner_typed_shows_as_typed_and_opens_no_heading() {
    let content = Content::built_in();
    let typed = "**Rich** _locals_ <b>\n## Fake heading [link](http://x)";
    let interview = with_prime_customer(persona_interview(&content, "bakery"), typed);
    let text = markdown(&content, &interview);
    assert!(!text.lines().any(|l| l.starts_with("## Fake")), "{text}");
    assert!(
        text.contains(r"\*\*Rich\*\* \_locals\_ \<b\> \#\# Fake heading \[link\](http://x)"),
        "{text}"
    );
    // Only the brief's own headings, whatever was typed.
    assert_eq!(text.lines().filter(|l| l.starts_with("## ")).count(), HEADINGS.len());
}

#[test]
fn with_no_answers_there_is_no_brief_and_the_command_says_so_with_exit_1() {
    let content = Content::built_in();
    let empty = Interview::default();
    assert!(brief::from_answers(&content, &empty, &advise(&content, &empty)).is_none());

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    let output = run(
        dir.path(),
        &["brief", "--user", "nobody", "--out", out.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no answers yet"), "{stderr}");
    assert!(!out.exists(), "no file is written without a brief");
}

#[test]
fn the_brief_command_prints_what_the_core_builds_and_writes_it_whole_to_a_file() {
    let content = Content::built_in();
    let interview = persona_interview(&content, "shop_partial");
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "shop", &interview);
    let output = run(dir.path(), &["brief", "--user", "shop"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), markdown(&content, &interview));
    let file = dir.path().join("out.md");
    let written = run(
        dir.path(),
        &["brief", "--user", "shop", "--out", file.to_str().unwrap()],
    );
    assert!(written.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), output.stdout);
}

#[test]
fn the_csv_export_parses_back_one_row_per_question_with_quotes_and_newlines_intact() {
    let content = Content::built_in();
    let typed = "families who say \"see you tomorrow\",\nand mean it";
    let interview = with_prime_customer(persona_interview(&content, "dentist"), typed);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "csv", &interview);
    let output = run(dir.path(), &["export", "--csv", "--user", "csv"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("UTF-8");

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, ["id", "question", "typed", "read_as", "answered_at"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a well-formed row")).collect();
    assert_eq!(rows.len(), content.questions.len(), "one row per question");
    for (row, question) in rows.iter().zip(&content.questions) {
        assert_eq!(&row[0], question.id);
        assert_eq!(&row[1], question.text);
        let answer = interview.answers.get(&question.id);
        assert_eq!(&row[2], answer.map_or("", |a| a.raw.as_str()), "{}", question.id);
        if answer.is_some() {
            assert!(row[4].ends_with('Z') && row[4].contains('T'), "{:?}", &row[4]);
        }
    }
    let prime = rows.iter().find(|r| &r[0] == "prime_customer").unwrap();
    assert_eq!(&prime[2], typed, "the quote and the newline round-trip");
    assert_eq!(&prime[3], typed);
    // The JSON export is unchanged by the new flag.
    let json = run(dir.path(), &["export", "--user", "csv"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON as before");
    assert!(value["records"].is_array());
}

#[test]
fn the_chart_command_writes_a_png_of_the_size_asked() {
    let content = Content::built_in();
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "pic", &persona_interview(&content, "law_firm_full"));
    let file = dir.path().join("advice.png");
    let path = file.to_str().unwrap();
    for theme in ["dark", "light"] {
        let output = run(
            dir.path(),
            &[
                "chart", "--user", "pic", "--out", path, "--theme", theme, "--width", "640", "--height", "360",
            ],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let bytes = std::fs::read(&file).unwrap();
        let decoder = png::Decoder::new(bytes.as_slice());
        let reader = decoder.read_info().expect("a PNG");
        assert_eq!((reader.info().width, reader.info().height), (640, 360));
    }
    let bad = run(dir.path(), &["chart", "--user", "pic", "--out", path, "--width", "3"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("too small"));

    // Issue 27: with no answers there is no picture of a sentence; the words say what is needed.
    let none = dir.path().join("none.png");
    let empty = run(
        dir.path(),
        &["chart", "--user", "nobody", "--out", none.to_str().unwrap()],
    );
    assert_eq!(empty.status.code(), Some(1));
    let said = String::from_utf8_lossy(&empty.stderr);
    assert!(
        said.contains("No chart yet") && said.contains("Monthly budget"),
        "{said}"
    );
    assert!(!none.exists(), "no file was written");
}

/// Text as a PDF reader extracts it: whitespace runs made one space, so a word broken onto the
/// next line still matches.
fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("the PDF parses and its text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_is_a4_holds_every_heading_and_the_owners_words_as_typed_and_is_small() {
    let content = Content::built_in();
    let typed = "**Rich** _locals_ <b> # not a heading; משפחות צעירות";
    let interview = with_prime_customer(persona_interview(&content, "dentist"), typed);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "pdf", &interview);
    let file = dir.path().join("brief.pdf");
    let output = run(dir.path(), &["brief", "--user", "pdf", "--pdf", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.stdout.is_empty(),
        "with --pdf alone nothing goes to standard output"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let document = pdf_extract::Document::load_mem(&bytes).expect("parses");
    let pages = document.get_pages();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for page in pages.values() {
        let media = document
            .get_dictionary(*page)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|m| m.as_array())
            .expect("a media box");
        let size: Vec<f32> = media.iter().map(|n| n.as_float().expect("a number")).collect();
        assert!(
            (size[2] - 595.28).abs() < 1.0 && (size[3] - 841.89).abs() < 1.0,
            "A4: {size:?}"
        );
    }
    let text = pdf_text(&bytes);
    for heading in HEADINGS {
        let name = heading.trim_start_matches("## ");
        assert!(text.contains(name), "no `{name}` in the PDF's text:\n{text}");
    }
    // The owner's Markdown-looking words are drawn as typed, marks and all.
    assert!(text.contains("**Rich** _locals_ <b> # not a heading;"), "{text}");
    // Right-to-left words are drawn right to left: the text runs in visual order.
    let hebrew = "משפחות צעירות";
    let visual: String = hebrew.chars().rev().collect();
    assert!(text.contains(&visual), "{text}");
    // Page numbers, from prompts/messages.toml.
    assert!(text.contains(&format!("Page 1 of {}", pages.len())), "{text}");
    // Our own Markdown marks are not printed.
    assert!(
        !text.contains("**Total budget**") && text.contains("Total budget"),
        "{text}"
    );
}

/// The dentist's brief answers, as an owner types them.
const DENTIST_BRIEF: [(&str, &str); 9] = [
    ("brief_platforms", "Instagram, Facebook and Google"),
    ("brief_posts", "three or four a week"),
    ("brief_reply_hours", "office hours"),
    (
        "brief_voice",
        "warm and plain, like a neighbour who happens to be a dentist",
    ),
    ("brief_different", "evening appointments and a play corner for children"),
    ("brief_admired", "the practice on Main Street; @smilestudio"),
    ("brief_contact", "Dana, the practice manager, dana@example.com"),
    ("brief_approval", "a monthly plan"),
    ("brief_start", "next month"),
];

/// `interview` with the brief questions asked through the engine and answered with `answers`
/// (skipped where none is given).
fn with_brief_answers(content: &Content, interview: Interview, answers: &[(&str, &str)]) -> Interview {
    use outsource_advisor::advisor::interview::{step, Input, Screen};
    let mut turn = step(content, Some(interview), Input::BriefQuestions, None, 2_000);
    while let Screen::Ask(ask) = &turn.screen {
        let input = match answers.iter().find(|(id, _)| *id == ask.question) {
            Some((_, text)) => Input::Answer((*text).to_owned()),
            None => Input::Skip,
        };
        turn = step(content, Some(turn.interview), input, None, 2_000);
    }
    assert!(matches!(turn.screen, Screen::Done), "{:?}", turn.screen);
    turn.interview
}

/// The text under `heading` up to the next one.
fn section_of(text: &str, heading: &str) -> String {
    let start = text
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &text[start + heading.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_owned()
}

#[test]
fn with_the_brief_answers_the_sections_hold_the_owners_words_and_the_advices_figures() {
    let content = Content::built_in();
    let interview = with_brief_answers(&content, persona_interview(&content, "dentist"), &DENTIST_BRIEF);
    let advice = advise(&content, &interview);
    let text = markdown(&content, &interview);
    let figure = |name: &str| {
        let verdict = outsource_advisor::view::verdict::Verdict::of(&content, &interview, &advice);
        verdict.figure(name).expect(name).to_owned()
    };
    let budget = section_of(&text, "## Budget");
    assert!(
        budget.contains(&format!("**Total budget**: {} a month", figure("budget"))),
        "{budget}"
    );
    assert!(budget.contains("**Ad spend**: not part of the fee"), "{budget}");
    assert!(
        budget.contains(&format!(
            "{} a month for {} months, {} in all",
            figure("failure_spend"),
            figure("months"),
            figure("failure_total")
        )),
        "{budget}"
    );
    let scope = section_of(&text, "## Scope");
    assert!(
        scope.contains("**Platforms**: Instagram, Facebook, Google Business Profile;"),
        "{scope}"
    );
    assert!(scope.contains("**Posts**: Three or four a week"), "{scope}");
    assert!(scope.contains("Weekdays, office hours"), "{scope}");
    let timeline = section_of(&text, "## Timeline");
    assert!(timeline.contains("**Start**: Next month"), "{timeline}");
    assert!(
        timeline.contains(&format!("month {} after the start", figure("months"))),
        "{timeline}"
    );
    let voice = section_of(&text, "## Voice and assets");
    for (id, typed) in &DENTIST_BRIEF[3..6] {
        assert!(voice.contains(&brief::escape_markdown(typed)), "{id}: {voice}");
    }
    let contacts = section_of(&text, "## Contacts and approvals");
    assert!(
        contacts.contains("Dana, the practice manager, dana@example.com"),
        "{contacts}"
    );
    assert!(contacts.contains("approves a monthly plan"), "{contacts}");
    let access = section_of(&text, "## Accounts and access");
    assert!(
        access.contains("(Instagram, Facebook, Google Business Profile) stay in my business's name"),
        "{access}"
    );
    // Every answered line is filled: what is left to fill in is only what was never asked.
    let fill_ins: Vec<&str> = text.lines().filter(|l| l.contains("*to fill in*")).collect();
    assert_eq!(fill_ins.len(), 1, "only the assets: {fill_ins:?}");
    assert!(fill_ins[0].starts_with("- **Assets**"), "{fill_ins:?}");
    // The scorecard's figures are the advice's.
    let choose = section_of(&text, "## How we will choose");
    let rows: Vec<&str> = choose.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 2 + 5, "header, rule and five rows: {choose}");
    assert!(
        rows.iter()
            .any(|r| r.contains(&format!("within {} a month", figure("budget")))),
        "{choose}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(&format!("within {} minutes", figure("reply_fast_minutes")))),
        "{choose}"
    );
    assert!(rows
        .iter()
        .any(|r| r.contains("the leads and sales traced to social media")));
}

#[test]
fn without_the_brief_answers_each_section_says_what_to_fill_in_and_invents_nothing() {
    let content = Content::built_in();
    let interview = persona_interview(&content, "dentist");
    let text = markdown(&content, &interview);
    for (heading, label) in [
        ("## Scope", "**Platforms**"),
        ("## Scope", "**Posts**"),
        ("## Scope", "**Replies to comments and messages**"),
        ("## Timeline", "**Start**"),
        ("## Voice and assets", "**Our voice**"),
        ("## Voice and assets", "**What makes us different**"),
        ("## Voice and assets", "**Competitors and accounts to look at**"),
        ("## Contacts and approvals", "**Main contact**"),
        ("## Contacts and approvals", "**Approval before posts go out**"),
    ] {
        let section = section_of(&text, heading);
        assert!(
            section.contains(&format!("- {label}: *to fill in*: ")),
            "{heading} {label}:\n{section}"
        );
    }
    // Not one platform or choice of the brief questions is named when none was given.
    let scope = section_of(&text, "## Scope");
    let access = section_of(&text, "## Accounts and access");
    for question in &content.brief_questions {
        for choice in &question.choices {
            for part in [&scope, &access] {
                assert!(!part.contains(&choice.label), "{} invented:\n{part}", choice.label);
            }
        }
    }
}

#[test]
fn every_persona_gets_every_section_none_of_them_empty_and_nothing_kept_it_never_picked() {
    let content = Content::built_in();
    for (name, persona) in common::personas() {
        let interview = common::interview(&content, &persona.answers);
        for interview in [
            interview.clone(),
            with_brief_answers(&content, interview, &DENTIST_BRIEF),
        ] {
            let Some(brief) = brief::from_answers(&content, &interview, &advise(&content, &interview)) else {
                continue;
            };
            let text = brief.markdown();
            let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
            assert_eq!(headings, HEADINGS, "{name}");
            for section in &brief.sections {
                assert!(
                    section.lines.iter().any(|l| !l.plain().trim().is_empty()),
                    "{name}: `{}` is empty",
                    section.heading
                );
            }
            // Issue 31: "Keep in-house" lists only what the owner picked.
            let picked: Vec<String> = match interview.answers.get("activities").map(|a| &a.reading) {
                Some(Reading::Choices { picks }) => picks.clone(),
                _ => Vec::new(),
            };
            let activities = content.question("activities").unwrap();
            if let Some(keep) = text.lines().find(|l| l.starts_with("- **Keep in-house**")) {
                for choice in &activities.choices {
                    if keep.contains(&choice.label) {
                        assert!(picked.contains(&choice.id), "{name}: {keep}");
                    }
                }
            }
        }
    }
}

/// Issue 31 in the terminal: the chat offers the brief questions once the advice is in; `brief`
/// asks them, each skippable, and the brief then holds the answers, the PDF too.
#[test]
fn the_terminal_chat_offers_the_brief_questions_after_the_advice_and_the_brief_holds_them() {
    use std::io::Write as _;
    let content = Content::built_in();
    let mut lines = common::typed_in_order(&content, &common::persona("dentist").answers);
    lines.push("brief".into());
    for (id, typed) in DENTIST_BRIEF {
        lines.push(if id == "brief_admired" {
            "skip".into()
        } else {
            typed.into()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["chat", "--user", "chat"])
        .env("ADVISOR_DB", dir.path())
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{}\n", lines.join("\n")).as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    let offer = said.find("Want a brief to send to providers?").expect("offered");
    let asked = said.find("Which platforms should the provider run").expect("asked");
    assert!(offer < asked, "{said}");
    assert!(said.contains("Your brief is ready"), "{said}");

    let brief = run(dir.path(), &["brief", "--user", "chat"]);
    let text = String::from_utf8_lossy(&brief.stdout);
    assert!(
        text.contains("**Main contact**: Dana, the practice manager, dana@example.com"),
        "{text}"
    );
    assert!(
        text.contains("**Competitors and accounts to look at**: *to fill in*"),
        "skipped: {text}"
    );
    // Exported with the other answers: the CSV's rows after the diagnostic questions, and the JSON.
    let csv = run(dir.path(), &["export", "--csv", "--user", "chat"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), content.questions.len() + content.brief_questions.len());
    let contact = rows.iter().find(|r| &r[0] == "brief_contact").expect("a row");
    assert_eq!(&contact[2], "Dana, the practice manager, dana@example.com");
    let json = run(dir.path(), &["export", "--user", "chat"]);
    assert!(String::from_utf8_lossy(&json.stdout).contains("dana@example.com"));
    // And forgotten with them.
    let forget = run(dir.path(), &["forget", "--user", "chat", "--yes"]);
    assert!(forget.status.success(), "{}", String::from_utf8_lossy(&forget.stderr));
    let json = run(dir.path(), &["export", "--user", "chat"]);
    assert!(!String::from_utf8_lossy(&json.stdout).contains("dana@example.com"));
}
