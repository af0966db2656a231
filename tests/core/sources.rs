//! Sources by name (issue 18): everything a person reads cites an article by its title from
//! data/facts.toml, never by its file name (`002_7dbf48aff4117c43`). The file id stays in
//! `advice --json` and in export, for traceability (tests/cli.rs checks the terminal and JSON).

use advisor_testkit::common;

use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::interview::Ask;
use outsource_advisor::advisor::Content;
use outsource_advisor::brief;
use outsource_advisor::chat::text;
use outsource_advisor::discord::custom_id::Section;
use outsource_advisor::discord::{commands, render};
use outsource_advisor::view::verdict::{self, Verdict};
use regex::Regex;

/// An article's file name, as code and data cite it.
fn file_id() -> Regex {
    Regex::new(r"\d{3}_[0-9a-f]{16}").unwrap()
}

fn ask(id: &str) -> Ask {
    Ask {
        question: id.to_owned(),
        number: 1,
        total: 18,
        done: 0,
        total_exact: false,
        current: None,
        generation: 0,
    }
}

/// Every screen a person reads, by name, for one persona's answers.
fn renders(content: &Content, persona: &common::Persona) -> Vec<(String, String)> {
    let interview = common::interview(content, &persona.answers);
    let advice = advise(content, &interview);
    let mut shown = vec![
        ("terminal advice".to_owned(), text::advice(content, &advice)),
        (
            "discord advice".to_owned(),
            json(
                &Section::ALL
                    .map(|section| commands::advice::embed(content, &advice, section))
                    .to_vec(),
            ),
        ),
        (
            "discord checklist".to_owned(),
            json(&commands::checklist::embed(content, &advice)),
        ),
        ("discord /help".to_owned(), json(&commands::help::screen(content))),
    ];
    let verdict = Verdict::of(content, &interview, &advice);
    let chart = verdict::advice_chart(content, &verdict);
    let notes: Vec<&str> = chart.iter().flat_map(|c| &c.rows).map(|r| r.note.as_str()).collect();
    for article in &content.articles {
        // A ruled-out bar names its article by the short title that fits beside it.
        assert!(!notes.iter().any(|n| n.contains(&article.title)), "{notes:?}");
    }
    shown.push(("advice chart".to_owned(), notes.join("\n")));
    if let Some(brief) = brief::from_answers(content, &interview, &advice) {
        shown.push(("brief".to_owned(), brief.markdown()));
    }
    for q in &content.questions {
        let ask = ask(&q.id);
        shown.push((
            format!("terminal {}", q.id),
            text::question(content, &ask).layout(text::plain),
        ));
        shown.push((
            format!("discord {}", q.id),
            json(&render::question(content, 1.into(), &ask, None)),
        ));
    }
    shown
}

/// Serenity's builders as the JSON sent to Discord.
fn json(builder: &impl serde::Serialize) -> String {
    serde_json::to_string(builder).expect("a builder serialises")
}

#[test]
fn no_screen_a_person_reads_cites_a_file_name() {
    let content = Content::built_in();
    let file_id = file_id();
    let mut cited = 0;
    for (name, persona) in common::personas() {
        for (screen, shown) in renders(&content, &persona) {
            assert!(
                !file_id.is_match(&shown),
                "{name}, {screen}: cites {:?}\n{shown}",
                file_id.find(&shown).map(|m| m.as_str())
            );
            cited += content.articles.iter().filter(|a| shown.contains(&a.title)).count();
        }
    }
    assert!(cited > 0, "the screens cite articles by title");
}

#[test]
fn help_lists_each_article_with_its_stance() {
    let content = Content::built_in();
    let help = serde_json::to_string(&commands::help::screen(&content)).unwrap();
    for article in &content.articles {
        assert!(help.contains(&article.title), "{help}");
        assert!(help.contains(&article.stance), "{help}");
    }
}
