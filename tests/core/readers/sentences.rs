//! Sentences as owners write them (issue 26): narratives, hedges, negations, frequencies, times of
//! day, mixed units and answers to the wrong question, each with what it must end as. Every word
//! of an answer is accounted for, so a reading is one of three things:
//!
//! - `sure: X` — stored at once as X (shown as the bot says it back);
//! - `confirm: X` — read as X but asked about first ("I read that as X — is that right?");
//! - `reask: why` — not read; asked again with the reason (`unreadable.<why>` in prompts/).
//!
//! The examples in issue 26's list appear once each; the rest are our own.

use outsource_advisor::advisor::content::Content;
use outsource_advisor::advisor::display;
use outsource_advisor::advisor::read::understand;

/// (question, what the owner typed, what it must end as)
const SENTENCES: &[(&str, &str, &str)] = &[
    // growth (yes_no)
    ("growth", "yes", "sure: yes"),
    ("growth", "without Facebook and Instagram my company wouldn't be here today", "confirm: yes"),
    ("growth", "Yes, definitely", "sure: yes"),
    ("growth", "I think so, yes", "sure: yes"),
    ("growth", "probably", "sure: yes"),
    ("growth", "yes, most of our new customers find us on instagram", "confirm: yes"),
    ("growth", "no, our customers are all word of mouth", "confirm: no"),
    ("growth", "not really, we're a wholesale supplier", "confirm: no"),
    ("growth", "I doubt it", "sure: no"),
    ("growth", "maybe, if it was done properly", "confirm: not sure"),
    ("growth", "hard to say honestly", "sure: not sure"),
    ("growth", "we wouldn't survive without instagram", "confirm: yes"),
    ("growth", "absolutely, that's where our clients are", "confirm: yes"),
    ("growth", "nope", "sure: no"),
    ("growth", "it could, I suppose", "sure: yes"),
    ("growth", "our shop is full most weekends anyway", "reask: not_yes_no"),
    ("growth", "the weather matters more than anything", "reask: not_yes_no"),
    // free_time (yes_no)
    ("free_time", "I guess, I'd spend it baking", "confirm: yes"),
    ("free_time", "yes, on the business", "sure: yes"),
    ("free_time", "definitely, I'd finally do the books", "confirm: yes"),
    ("free_time", "no, I'd probably spend it with my kids", "reask: not_yes_no"),
    ("free_time", "I suppose so", "sure: yes"),
    ("free_time", "honestly I'd just sleep", "reask: not_yes_no"),
    ("free_time", "not sure", "sure: not sure"),
    ("free_time", "yeah for sure", "sure: yes"),
    ("free_time", "probably not", "sure: no"),
    ("free_time", "of course", "sure: yes"),
    // staff (yes_no)
    ("staff", "no, it's just me", "sure: no"),
    ("staff", "yes, my daughter helps out and she's great with phones", "confirm: yes"),
    ("staff", "we have two part-timers but they're busy", "reask: not_yes_no"),
    ("staff", "nah", "sure: no"),
    ("staff", "yes", "sure: yes"),
    ("staff", "kind of", "sure: not sure"),
    // outside_view (yes_no)
    ("outside_view", "yes please", "sure: yes"),
    ("outside_view", "I already know my brand inside out", "reask: not_yes_no"),
    ("outside_view", "maybe", "sure: not sure"),
    ("outside_view", "I wouldn't say no", "reask: not_yes_no"),
    ("outside_view", "sure, why not", "sure: yes"),
    // hours_now (hours)
    ("hours_now", "3 hours a week", "sure: 3 hours a week"),
    ("hours_now", "5pm as my uploading time, every single day", "reask: time_of_day"),
    ("hours_now", "I post at least a few times each week", "reask: how_often"),
    ("hours_now", "Checking our pages every two minutes", "reask: how_often"),
    ("hours_now", "another 4 or 5 hours of my own shooting, editing images, and social media marketing", "confirm: 4 to 5 hours a week"),
    ("hours_now", "about 2 hrs a day", "sure: 14 hours a week"),
    ("hours_now", "maybe an hour a day on instagram", "sure: 7 hours a week"),
    ("hours_now", "around 10 hours", "confirm: 10 hours a week (no period was given, so I took it as a week)"),
    ("hours_now", "daily", "reask: how_often"),
    ("hours_now", "I post every day", "reask: how_often"),
    ("hours_now", "twice a week", "reask: how_often"),
    ("hours_now", "five posts per week", "reask: how_often"),
    ("hours_now", "3 stories a day", "reask: how_often"),
    ("hours_now", "once a month", "reask: how_often"),
    ("hours_now", "at 9 every morning", "reask: time_of_day"),
    ("hours_now", "9 to 5", "reask: time_of_day"),
    ("hours_now", "whenever I get a minute at lunchtime", "reask: how_often"),
    ("hours_now", "none", "sure: 0 hours a week"),
    ("hours_now", "nothing really, we haven't started", "confirm: 0 hours a week"),
    ("hours_now", "30 minutes every day", "sure: 3.5 hours a week"),
    ("hours_now", "half an hour a day, sometimes more", "confirm: 3.5 hours a week"),
    ("hours_now", "2 hours a week plus the photos I take at weddings", "confirm: at least 2 hours a week"),
    ("hours_now", "full time, it's my whole job", "confirm: 40 hours a week"),
    ("hours_now", "part time", "confirm: 20 hours a week"),
    ("hours_now", "no idea", "sure: not sure"),
    ("hours_now", "I don't know, I never kept track", "confirm: not sure"),
    ("hours_now", "3 times a week for an hour", "reask: how_often"),
    ("hours_now", "an hour in the evening", "confirm: 1 hour a week (no period was given, so I took it as a week)"),
    ("hours_now", "I spend my evenings on it", "reask: no_time"),
    ("hours_now", "a lot", "reask: no_time"),
    ("hours_now", "5 hours a week, maybe 6", "reask: no_time"),
    ("hours_now", "10 hours a month", "sure: 2.3 hours a week"),
    ("hours_now", "about 2 hours a week between me and my partner", "confirm: 2 hours a week"),
    // hours_available (hours)
    ("hours_available", "2 hours a week", "sure: 2 hours a week"),
    ("hours_available", "a couple of hours a week I think", "sure: 2 hours a week"),
    ("hours_available", "maybe 4", "confirm: 4 hours a week (no period was given, so I took it as a week)"),
    ("hours_available", "honestly none, I'm flat out", "confirm: 0 hours a week"),
    ("hours_available", "every evening after the kids are in bed", "reask: how_often"),
    ("hours_available", "I could post weekly", "reask: how_often"),
    ("hours_available", "from 6 to 7 on weekdays", "reask: time_of_day"),
    ("hours_available", "barely any", "confirm: 1 hour a week"),
    ("hours_available", "an hour a day on weekdays", "sure: 5 hours a week"),
    ("hours_available", "2-3 hours a week if the shop is quiet", "confirm: 2 to 3 hours a week"),
    ("hours_available", "not more than 2 hours a week", "sure: up to 2 hours a week"),
    ("hours_available", "I'd give it 5 hours", "confirm: 5 hours a week (no period was given, so I took it as a week)"),
    ("hours_available", "1 day a week", "sure: 8 hours a week"),
    ("hours_available", "I don't want to spend more than 2 hours a week", "confirm: up to 2 hours a week"),
    // works_today (scale)
    ("works_today", "not great, I only had one order from it", "confirm: 2 of 5"),
    ("works_today", "3", "sure: 3 of 5"),
    ("works_today", "4 out of 5", "sure: 4 of 5"),
    ("works_today", "pretty well", "sure: 4 of 5"),
    ("works_today", "terrible", "sure: 1 of 5"),
    ("works_today", "ok I guess", "sure: 3 of 5"),
    ("works_today", "not well at all, nobody sees our posts", "confirm: 1 of 5"),
    ("works_today", "very well, we get bookings every week", "confirm: 5 of 5"),
    ("works_today", "we get 10 likes a post", "reask: other_unit"),
    ("works_today", "it's fine but nothing special", "reask: not_on_scale"),
    ("works_today", "poorly", "sure: 2 of 5"),
    ("works_today", "badly, honestly", "sure: 2 of 5"),
    ("works_today", "I'd give it a 2", "sure: 2 of 5"),
    ("works_today", "great", "sure: 5 of 5"),
    ("works_today", "our followers are mostly other bakers", "confirm: 4 of 5"),
    ("works_today", "we sell lampshades", "reask: not_on_scale"),
    // expertise (scale)
    ("expertise", "locals, mostly mums who order birthday cakes", "confirm: 4 of 5"),
    ("expertise", "I'm a pretty good writer", "confirm: 4 of 5"),
    ("expertise", "beginner", "sure: 1 of 5"),
    ("expertise", "complete beginner, I only use whatsapp", "confirm: 1 of 5"),
    ("expertise", "2", "sure: 2 of 5"),
    ("expertise", "3/5", "sure: 3 of 5"),
    ("expertise", "I know the basics", "sure: 2 of 5"),
    ("expertise", "7 out of 10", "sure: 4 of 5"),
    ("expertise", "not very confident", "sure: 2 of 5"),
    ("expertise", "I did a course last year", "reask: not_on_scale"),
    ("expertise", "pretty confident", "sure: 4 of 5"),
    ("expertise", "expert", "sure: 5 of 5"),
    // personal_touch (scale)
    ("personal_touch", "5", "sure: 5 of 5"),
    ("personal_touch", "it's why they come", "sure: 5 of 5"),
    ("personal_touch", "very important, people ask for me by name", "confirm: 4 of 5"),
    ("personal_touch", "not important", "sure: 2 of 5"),
    ("personal_touch", "hardly", "sure: 1 of 5"),
    ("personal_touch", "they mostly come for the price", "confirm: 4 of 5"),
    // experience_years (number)
    ("experience_years", "2 years", "sure: 2 years"),
    ("experience_years", "about 3 years", "sure: 3 years"),
    ("experience_years", "since 2019", "reask: impossible_number"),
    ("experience_years", "never", "sure: 0 years"),
    ("experience_years", "a year and a half", "sure: 1.5 years"),
    ("experience_years", "6 months", "sure: 0.5 years"),
    ("experience_years", "about 5 years, on and off", "confirm: 5 years"),
    ("experience_years", "I've done it for my shop for 2 years now", "sure: 2 years"),
    ("experience_years", "no experience at all", "sure: 0 years"),
    ("experience_years", "not sure", "sure: not sure"),
    ("experience_years", "I started when we opened the second shop", "reask: no_number"),
    ("experience_years", "ten years of baking, one of instagram", "reask: no_number"),
    // budget (money)
    ("budget", "we can't really afford anything right now", "sure: $0"),
    ("budget", "$500 a month", "sure: $500 a month"),
    ("budget", "about 300 a month", "sure: $300 a month"),
    ("budget", "no budget", "sure: $0"),
    ("budget", "nothing spare at the moment", "sure: $0"),
    ("budget", "$500", "confirm: $500 a month (no period was given, so I took it as a month)"),
    ("budget", "a few hundred", "confirm: $300 a month (no period was given, so I took it as a month)"),
    ("budget", "£200 a month, maybe more if it works", "confirm: £200 a month"),
    ("budget", "1-2k a month", "sure: $1,000 to $2,000 a month"),
    ("budget", "up to $1,000 a month", "sure: up to $1,000 a month"),
    ("budget", "not more than 400 dollars monthly", "sure: up to $400 a month"),
    ("budget", "$6,000 a year", "sure: $6,000 (about $500 a month)"),
    ("budget", "I'd pay 200 a month if they brought in customers", "confirm: $200 a month"),
    ("budget", "not $500 a month", "confirm: $500 a month"),
    ("budget", "I don't want to spend more than 500 a month", "confirm: up to $500 a month"),
    ("budget", "not sure yet", "sure: not sure"),
    ("budget", "we'd have to see the numbers first", "reask: no_amount"),
    ("budget", "give it 6 months", "reask: other_unit"),
    ("budget", "$50 a week", "sure: $50 (about $216.67 a month)"),
    // sale_value (money)
    ("sale_value", "$80", "sure: $80"),
    ("sale_value", "about 250 dollars", "sure: $250"),
    ("sale_value", "a cake is around £35", "confirm: £35"),
    ("sale_value", "a new patient is worth about $2,000 over a year", "confirm: $2,000 (about $166.67 a month)"),
    ("sale_value", "depends on the job, 100 to 500", "confirm: $100 to $500"),
    ("sale_value", "10 customers", "reask: other_unit"),
    ("sale_value", "a typical order is £45", "confirm: £45"),
    ("sale_value", "not sure", "sure: not sure"),
    // failure_months (failure_point)
    ("failure_months", "$2000 a month for 6 months with under 20 new patients", "confirm: $2,000 a month, for 6 months, stop if under 20 sales a month"),
    ("failure_months", "6 months", "sure: for 6 months"),
    ("failure_months", "a year", "sure: for 12 months"),
    ("failure_months", "$1,000 a month for 6 months, stop if under 10 sales a month", "sure: $1,000 a month, for 6 months, stop if under 10 sales a month"),
    ("failure_months", "3 months and under 50 leads in total", "sure: for 3 months, stop if under 50 leads in all"),
    ("failure_months", "$500 a month for 3 months, stop if under 1000 followers", "confirm: $500 a month, for 3 months, stop if under 1000 followers in all"),
    ("failure_months", "$500 for 3 months", "confirm: $500 a month, for 3 months"),
    ("failure_months", "I'd give it 6 months and see", "sure: for 6 months"),
    ("failure_months", "no idea", "sure: not sure"),
    ("failure_months", "till the money runs out", "reask: no_number"),
    ("failure_months", "4 hours a week", "reask: other_unit"),
    // prime_customer (text)
    ("prime_customer", "mums in Leeds who order birthday cakes", "sure: mums in Leeds who order birthday cakes"),
    ("prime_customer", "everybody", "reask: vague"),
    ("prime_customer", "anyone with money", "reask: vague"),
    ("prime_customer", "retired couples planning a garden makeover", "sure: retired couples planning a garden makeover"),
    // roi_measure (choice)
    ("roi_measure", "I don't measure it", "sure: I don't measure it"),
    ("roi_measure", "we ask customers how they found us", "confirm: Sales I can trace back to it"),
    ("roi_measure", "likes mostly", "sure: Likes, followers and shares"),
    ("roi_measure", "enquiries through DMs", "sure: Enquiries and leads it brings in"),
    ("roi_measure", "guesswork", "sure: I don't measure it"),
    ("roi_measure", "my accountant does the books", "reask: no_choice"),
    // success (choice)
    ("success", "followers and likes don't equal sales", "confirm: More leads and sales"),
    ("success", "more sales", "sure: More leads and sales"),
    ("success", "leads", "sure: More leads and sales"),
    ("success", "followers", "sure: More followers and reach"),
    ("success", "not followers, bookings", "reask: no_choice"),
    ("success", "bookings for the salon, that's all that matters", "confirm: More leads and sales"),
    ("success", "I don't care about likes, I want customers", "confirm: More leads and sales"),
    ("success", "no idea", "sure: I don't know yet"),
    ("success", "a nicer website", "reask: no_choice"),
    // activities (choices)
    ("activities", "everything", "sure: Setting up profiles, Design and graphics, Scheduling and posting, Replying to customers, Content: blogs and video, Working with influencers, Reporting and analytics"),
    ("activities", "posting and replies", "sure: Scheduling and posting, Replying to customers"),
    ("activities", "design but not posting", "sure: Design and graphics"),
    ("activities", "everything except replying to customers", "sure: Setting up profiles, Design and graphics, Scheduling and posting, Content: blogs and video, Working with influencers, Reporting and analytics"),
    ("activities", "graphics, I'm hopeless with canva", "confirm: Design and graphics"),
    ("activities", "1 and 3", "sure: Setting up profiles, Scheduling and posting"),
    ("activities", "none", "sure: "),
    ("activities", "someone to answer the phone", "reask: no_choice"),
    // reply_speed (choice)
    ("reply_speed", "within the hour", "sure: Within an hour"),
    ("reply_speed", "same day", "sure: The same day"),
    ("reply_speed", "straight away, I'm always on my phone", "confirm: Within minutes"),
    ("reply_speed", "a few hours", "sure: The same day"),
    ("reply_speed", "whenever I get round to it", "confirm: A day or more"),
    ("reply_speed", "depends who's in the shop", "reask: no_choice"),
];

/// What an answer ends as, in the table's words.
fn outcome(content: &Content, question: &str, text: &str) -> String {
    let q = content.question(question).expect("a shipped question");
    match understand(q, text) {
        Ok(understood) => {
            let shown = match understood.doubt {
                // A period assumed is said in the confirmation, not in the reading shown.
                Some(doubt @ outsource_advisor::advisor::read::Doubt::NoPeriod) => {
                    let asked = display::confirm(content, Some(q), &understood.reading, doubt);
                    let plain = display::reading(content, Some(q), &understood.reading);
                    let inner = asked.trim_start_matches("Did you mean ").trim_end_matches('?');
                    if inner.starts_with(&plain) && inner.contains('(') {
                        inner.to_owned()
                    } else {
                        plain
                    }
                }
                _ => display::reading(content, Some(q), &understood.reading),
            };
            let verdict = if understood.doubt.is_some() { "confirm" } else { "sure" };
            format!("{verdict}: {shown}")
        }
        Err(problem) => format!("reask: {problem}"),
    }
}

#[test]
fn owners_sentences_end_as_a_right_reading_a_confirmation_or_a_reask() {
    let content = Content::built_in();
    assert!(SENTENCES.len() >= 150, "issue 26 asks for at least 150 sentences");
    let mut wrong = Vec::new();
    for (question, text, expected) in SENTENCES {
        let got = outcome(&content, question, text);
        if got != *expected {
            wrong.push(format!("{question} {text:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} sentences wrong:\n{}",
        wrong.len(),
        SENTENCES.len(),
        wrong.join("\n")
    );
}

/// Each sentence is read, refused or confirmed once per question kind in the table; none of the
/// issue's examples is stored silently the way it was.
#[test]
fn no_example_of_the_issue_is_stored_silently() {
    let content = Content::built_in();
    let issue = [
        ("expertise", "locals, mostly mums who order birthday cakes"),
        ("expertise", "I'm a pretty good writer"),
        ("hours_now", "5pm as my uploading time, every single day"),
        ("hours_now", "I post at least a few times each week"),
        ("hours_now", "Checking our pages every two minutes"),
        (
            "growth",
            "without Facebook and Instagram my company wouldn't be here today",
        ),
        ("success", "followers and likes don't equal sales"),
        (
            "hours_now",
            "another 4 or 5 hours of my own shooting, editing images, and social media marketing",
        ),
        (
            "failure_months",
            "$2000 a month for 6 months with under 20 new patients",
        ),
    ];
    for (question, text) in issue {
        let q = content.question(question).unwrap();
        if let Ok(understood) = understand(q, text) {
            assert!(
                understood.doubt.is_some(),
                "{question} {text:?} stored silently as {:?}",
                understood.reading
            );
        }
    }
}
