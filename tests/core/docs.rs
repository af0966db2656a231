//! The README fits on a screen or two and sends the rest to docs/: every page linked, every link
//! and anchor found, every test file and test binary it names still there, no row twice.

use std::collections::BTreeSet;
use std::path::PathBuf;

use regex::Regex;

/// The README and every page under docs/, with their text.
fn pages() -> Vec<(PathBuf, String)> {
    let root = advisor_testkit::root();
    let mut paths = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| anchor(line.trim_start_matches('#')))
        .collect()
}

#[test]
fn the_readme_is_under_two_hundred_lines_and_no_table_row_is_there_twice() {
    let (_, readme) = &pages()[0];
    let lines = readme.lines().count();
    assert!(lines < 200, "README.md has {lines} lines");
    for (path, text) in pages() {
        let mut seen = BTreeSet::new();
        let mut commands = BTreeSet::new();
        for row in text.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---")) {
            assert!(seen.insert(row), "{}: this row is there twice: {row}", path.display());
            // A command table's first cell names a command once (`/advice [share]` and `/advice`
            // are one command).
            let first = row.split('|').nth(1).unwrap_or("").trim();
            if let Some(command) = first.strip_prefix("`/") {
                let name = command.split([' ', '`']).next().unwrap().to_owned();
                assert!(
                    commands.insert(name.clone()),
                    "{}: /{name} is listed twice",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn every_docs_page_is_linked_from_the_readme_and_every_link_and_anchor_is_there() {
    let pages = pages();
    let link = Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut linked_from_readme = BTreeSet::new();
    for (path, text) in &pages {
        let dir = path.parent().unwrap();
        for target in link.captures_iter(text).map(|c| c[1].to_owned()) {
            if target.starts_with("http") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file_path = if file.is_empty() { path.clone() } else { dir.join(file) };
            assert!(file_path.exists(), "{}: {target} does not exist", path.display());
            if !fragment.is_empty() {
                let text = std::fs::read_to_string(&file_path).unwrap();
                assert!(
                    anchors(&text).contains(fragment),
                    "{}: {target}: no such heading",
                    path.display()
                );
            }
            if path.ends_with("README.md") {
                linked_from_readme.insert(file_path.canonicalize().unwrap());
            }
        }
    }
    for (path, _) in &pages[1..] {
        assert!(
            linked_from_readme.contains(&path.canonicalize().unwrap()),
            "{} is not linked from README.md",
            path.display()
        );
    }
    assert!(pages.len() > 1, "docs/ has pages");
}

#[test]
fn every_test_file_the_docs_name_exists_and_the_suite_is_at_most_eight_binaries() {
    let root = advisor_testkit::root();
    let named = Regex::new(r"tests/[a-z0-9_/]+\.rs").unwrap();
    for (path, text) in pages() {
        for file in named.find_iter(&text) {
            assert!(
                root.join(file.as_str()).exists(),
                "{}: {} does not exist",
                path.display(),
                file.as_str()
            );
        }
    }
    // Cargo makes a test binary of each tests/*.rs and each tests/*/main.rs.
    let binaries: Vec<String> = std::fs::read_dir(root.join("tests"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") || p.join("main.rs").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(binaries.len() <= 8, "{} test binaries: {binaries:?}", binaries.len());
}

/// Every file under a test binary's folder, declared as a module: a file left undeclared would
/// compile into nothing and its tests would silently never run.
#[test]
fn every_file_under_a_test_binary_is_one_of_its_modules() {
    fn walk(dir: &std::path::Path) {
        let parent = ["main.rs", "mod.rs"]
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.exists())
            .unwrap_or_else(|| panic!("{} has no main.rs or mod.rs", dir.display()));
        let declared = std::fs::read_to_string(&parent).unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let is_module = if path.is_dir() {
                // A folder of data (fixtures) holds no code; a folder of code is a module.
                let code = std::fs::read_dir(&path)
                    .unwrap()
                    .any(|e| e.unwrap().path().extension().is_some_and(|e| e == "rs"));
                if code {
                    walk(&path);
                }
                code
            } else {
                path.extension().is_some_and(|e| e == "rs") && name != "main" && name != "mod"
            };
            if is_module {
                assert!(
                    declared.lines().any(|line| line.trim() == format!("mod {name};")),
                    "{} is not declared in {}",
                    path.display(),
                    parent.display()
                );
            }
        }
    }
    let tests = advisor_testkit::root().join("tests");
    for entry in std::fs::read_dir(&tests).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("main.rs").exists() {
            walk(&dir);
        }
    }
}
