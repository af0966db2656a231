//! The advice's checklist: the metric checklist's lines.

use super::*;

pub(super) fn checklist(
    content: &Content,
    interview: &Interview,
    outcome: Option<Outcome>,
    figures: &Figures,
) -> Vec<ChecklistEntry> {
    content
        .checklist
        .iter()
        .filter(|item| match outcome {
            Some(outcome) => item.outcomes.is_empty() || item.outcomes.contains(&outcome),
            // With no recommendation, only the lines that hold whatever it would be.
            None => item.outcomes.is_empty(),
        })
        .filter(|item| item.unless.iter().all(|name| figures.get(name).is_none()))
        .filter(|item| item.when.as_ref().is_none_or(|c| interview.matches(c)))
        .filter_map(|item: &ChecklistTemplate| {
            let known = item.needs.iter().all(|name| figures.get(name).is_some());
            let texts: Vec<&str> = match (known, &item.otherwise) {
                (true, _) => vec![&item.metric, &item.target, &item.why],
                (false, Some(fallback)) => vec![&fallback.metric, &fallback.target, &fallback.why],
                (false, None) => return None,
            };
            let mut used_figures = FigureMap::new();
            for text in texts {
                used_figures.extend(used(text, figures));
            }
            let basis = used_figures
                .keys()
                .filter_map(|name| figures.origins.get(name).map(|o| (name.clone(), o.clone())))
                .collect();
            Some(ChecklistEntry {
                id: item.id.clone(),
                source: item.source.clone(),
                fallback: !known,
                figures: used_figures,
                basis,
            })
        })
        .collect()
}
