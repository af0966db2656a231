//! The arrows point one way: no top-level module of src/ uses one that uses it back, and no
//! submodule of the core (src/advisor/) does either. Read from the source, so a new `use` that
//! closes a loop fails here, naming the loop.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which modules each module's code names: `from -> {to}`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of `path` without its comments (doc links name modules without using them) and
/// without its `#[cfg(test)]` tail: a module's tests may build their fixtures from anywhere, as
/// they are not part of what the module needs.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let built = text.split("#[cfg(test)]\nmod ").next().unwrap_or("");
    built
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `prefix NAME` in `code` (NAME an identifier), e.g. `crate::` -> `view`. Grouped uses
/// (`use crate::{a, b::c}`) name each of their first segments.
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut items = vec![String::new()];
            for c in group.chars() {
                match c {
                    '}' if depth == 0 => break,
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(String::new()),
                    c => items.last_mut().unwrap().push(c),
                }
            }
            names.extend(
                items
                    .iter()
                    .map(|item| ident(item.trim()))
                    .filter(|name| !name.is_empty()),
            );
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// The identifier `text` starts with.
fn ident(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The module a file of `root` belongs to at the first level below it (`root/x.rs` and
/// `root/x/...` are `x`; `root/mod.rs`, `root/lib.rs` and `root/main.rs` are none).
fn first_level(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (!["mod", "lib", "main"].contains(&name.as_str())).then_some(name)
}

fn graph(root: &Path, prefixes: &[&str], aliases: &BTreeMap<String, String>) -> Graph {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| first_level(root, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = first_level(root, file) else { continue };
        let code = code(file);
        let mut targets: Vec<String> = prefixes.iter().flat_map(|p| names_after(&code, p)).collect();
        // Inside `root/x/`, `super::` is `x` itself; directly in root it is a sibling.
        if file.parent() == Some(root)
            || file.file_name().is_some_and(|n| n == "mod.rs") && file.parent().and_then(Path::parent) == Some(root)
        {
            targets.extend(names_after(&code, "super::"));
        }
        for to in targets {
            let to = aliases.get(&to).cloned().unwrap_or(to);
            if to != from && modules.contains(&to) {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

/// Each pair of modules that reach each other, as `a -> ... -> b -> ... -> a`.
fn cycles(graph: &Graph) -> Vec<String> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(at) = stack.pop() {
            for to in graph.get(&at).into_iter().flatten() {
                if seen.insert(to.clone()) {
                    stack.push(to.clone());
                }
            }
        }
        seen
    };
    let mut found = Vec::new();
    for (from, tos) in graph {
        for to in tos {
            if reach(to).contains(from) {
                found.push(format!("{from} -> {to} -> ... -> {from}"));
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_top_level_module_uses_one_that_uses_it_back() {
    let root = src();
    let found = cycles(&graph(&root, &["crate::"], &BTreeMap::new()));
    assert!(found.is_empty(), "module cycles in src/:\n{}", found.join("\n"));
}

#[test]
fn no_submodule_of_the_core_uses_one_that_uses_it_back() {
    let root = src().join("advisor");
    // What advisor/mod.rs re-exports, by the submodule it comes from.
    let mut aliases = BTreeMap::new();
    for line in fs::read_to_string(root.join("mod.rs")).unwrap().lines() {
        if let Some(rest) = line.trim().strip_prefix("pub use ") {
            let module = rest.split("::").next().unwrap_or("").to_owned();
            for name in names_after(&rest.replacen(&module, "", 1), "::") {
                aliases.insert(name, module.clone());
            }
        }
    }
    let found = cycles(&graph(&root, &["crate::advisor::"], &aliases));
    assert!(found.is_empty(), "module cycles in src/advisor/:\n{}", found.join("\n"));
}

#[test]
fn the_reader_of_uses_finds_each_module_named() {
    assert_eq!(
        names_after("use crate::{view, text::when};", "crate::"),
        ["view", "text"]
    );
    assert_eq!(names_after("let x = crate::store::now();", "crate::"), ["store"]);
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .fold(Graph::new(), |mut g, (f, t)| {
            g.entry((*f).to_owned()).or_default().insert((*t).to_owned());
            g
        });
    assert_eq!(
        cycles(&graph).len(),
        3,
        "a, b and c reach each other; d is reached only"
    );
}

/// The layers lib.rs draws: the core calls nothing outside it, the store knows no front and no
/// view, the views know no store and no front, and the use cases (app) know no front and no
/// layout.
#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let graph = graph(&src(), &["crate::"], &BTreeMap::new());
    let fronts = ["cli", "discord", "chat", "app"];
    let rules: [(&str, Vec<&str>); 4] = [
        (
            "advisor",
            fronts
                .iter()
                .copied()
                .chain(["store", "view", "brief", "chart"])
                .collect(),
        ),
        (
            "store",
            fronts.iter().copied().chain(["view", "brief", "chart"]).collect(),
        ),
        ("view", fronts.iter().copied().chain(["store", "brief"]).collect()),
        ("app", vec!["cli", "discord", "chat", "view", "brief", "chart"]),
    ];
    let mut found = Vec::new();
    for (from, forbidden) in rules {
        for to in graph.get(from).into_iter().flatten() {
            if forbidden.contains(&to.as_str()) {
                found.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(found.is_empty(), "arrows against the layers:\n{}", found.join("\n"));
}
