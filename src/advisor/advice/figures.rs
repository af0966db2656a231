//! The advice's figures: every sum the advice shows, worked out once.

use super::*;

/// The owner's own numbers and every figure worked out from them, once per advice, each with its
/// [`Origin`]. The checklist, the reasons, the failure point, the brief, the check-ins and the
/// charts all read these; none works a figure out again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    pub(super) values: FigureMap,
    pub(super) origins: Origins,
}

impl Figures {
    /// Every figure name a template may use.
    pub const NAMES: [&'static str; 31] = [
        "budget",
        "spend",
        "months",
        "failure_total",
        "followers_line",
        "followers_target",
        "sale_value",
        "break_even_sales",
        "break_even_return",
        "target_sales",
        "return_target",
        "return_multiple",
        "reply_now",
        "reply_fast_minutes",
        "reply_fast_premium",
        "reply_slow_minutes",
        "reply_slow_premium",
        "hours_week",
        "time_budget",
        "review_hours",
        "prime_customer",
        "failure_spend",
        "failure_below",
        "failure_result",
        "no_provider_budget",
        "budget_low",
        "provider_fee",
        "hour_value",
        "owner_hours_cost",
        "paid_cost",
        "at_stake",
    ];

    /// The assumptions of data/checklist.toml the figures (and the failure point) are worked out
    /// with; `check` requires each.
    pub(crate) const ASSUMPTIONS: [&'static str; 8] = [
        "default_months",
        "reference_budget",
        "reference_months",
        "reference_followers",
        "target_return",
        "in_house_hours",
        "review_hours",
        "partial_hours",
    ];

    pub(super) fn put(&mut self, name: &str, figure: Figure, origin: Origin) {
        self.values.insert(name.to_owned(), figure);
        self.origins.insert(name.to_owned(), origin);
    }

    /// The figures in the order they depend on each other: months, the articles' figures, budget
    /// and spend, the targets from the spend, the failure point, hours, then the owner's costs
    /// ([`Figures::owner_costs`]). Each step reads the figures put before it.
    pub(crate) fn work_out(
        content: &Content,
        interview: &Interview,
        outcome: Option<Outcome>,
        plan: Option<&FailurePlan>,
    ) -> Figures {
        let answers = counted(content, interview);
        let currency = match answers.get(content.roles.budget.as_str()) {
            Some(Reading::Money { currency, .. }) => currency.clone(),
            _ => None,
        };
        let workings = Workings {
            content,
            answers,
            currency,
        };
        let mut figures = Figures::default();
        let (months, months_origin) = workings.months(plan);
        figures.put("months", Figure::Months { value: months }, months_origin);
        workings.article_figures(&mut figures);
        let spend = workings.budget_and_spend(&mut figures, plan);
        let sale = workings.answered(&content.roles.sale_value, false);
        if let Some((sale, origin)) = &sale {
            figures.put("sale_value", workings.money(*sale), origin.clone());
        }
        if let Some((spend, origin)) = &spend {
            workings.targets(&mut figures, (*spend, origin), sale.map(|(sale, _)| sale), months);
        }
        if let Some(plan) = plan {
            workings.failure_figures(&mut figures, plan);
        }
        workings.time_figures(&mut figures, outcome);
        let roles = &content.roles;
        let currency_of = |id: &str| match workings.answers.get(id) {
            Some(Reading::Money { currency, .. }) => currency.clone(),
            _ => None,
        };
        let fee = workings
            .answered(&roles.provider_fee, true)
            .map(|(v, o)| (v, o, currency_of(&roles.provider_fee)));
        let hour = workings
            .answered(&roles.hour_value, false)
            .map(|(v, o)| (v, o, currency_of(&roles.hour_value)));
        figures.owner_costs(workings.currency, fee, hour);
        figures
    }

    /// What each option costs a month in the owner's own numbers (issue 29; 000: time is money,
    /// 003: freed hours go back into the business): the hours this plan asks of them at what an
    /// hour is worth to them, the paid option's cost (what they pay a provider now, else the
    /// spend), and both over the plan's months. No outside price: only the owner's figures.
    fn owner_costs(&mut self, currency: Option<String>, fee: Option<Owned>, hour: Option<Owned>) {
        let from = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let money = |amount: f64, currency: &Option<String>| Figure::Money {
            amount: cents(amount),
            currency: currency.clone(),
            range: None,
        };
        if let Some((fee, origin, fee_currency)) = &fee {
            self.put("provider_fee", money(*fee, fee_currency), origin.clone());
        }
        let paid = match (&fee, self.number("spend")) {
            (Some((fee, _, fee_currency)), _) => Some((*fee, "provider_fee", fee_currency.clone())),
            (None, Some(spend)) => Some((spend, "spend", currency.clone())),
            (None, None) => None,
        };
        if let Some((amount, name, paid_currency)) = &paid {
            self.put(
                "paid_cost",
                money(*amount, paid_currency),
                Origin::WorkedOut { from: from(&[name]) },
            );
        }
        let Some((hour, origin, hour_currency)) = hour else {
            return;
        };
        self.put("hour_value", money(hour, &hour_currency), origin);
        let hours = self.number("time_budget").unwrap_or(0.0);
        let owner = cents(hours * WEEKS_A_MONTH * hour);
        self.put(
            "owner_hours_cost",
            money(owner, &hour_currency),
            Origin::WorkedOut {
                from: from(&["time_budget", "hour_value"]),
            },
        );
        // Summed only in one currency: pounds and dollars do not add up.
        if let (Some((paid, _, paid_currency)), Some(months)) = (paid, self.number("months")) {
            if paid_currency == hour_currency {
                self.put(
                    "at_stake",
                    money((owner + cents(paid)) * months, &hour_currency),
                    Origin::WorkedOut {
                        from: from(&["owner_hours_cost", "paid_cost", "months"]),
                    },
                );
            }
        }
    }
}

impl Figures {
    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.values.get(name)
    }

    pub(super) fn number(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(Figure::value)
    }

    /// The owner's failure line against the success target for the same metric and period
    /// (sales a month, or followers by the last month); leads have no target to cross.
    pub(crate) fn crossed(&self, plan: &FailurePlan) -> Option<Crossed> {
        let target = match plan.metric {
            Metric::Sales => self.number("target_sales"),
            Metric::Followers => self.number("followers_target"),
            Metric::Leads => None,
        }?;
        (plan.below > target).then_some(Crossed {
            metric: plan.metric,
            below: plan.below,
            target,
        })
    }
}

/// What each step of [`Figures::work_out`] reads: the content, the answers that count and the
/// budget's currency (every amount worked out from the budget is in it).
struct Workings<'a> {
    content: &'a Content,
    answers: CountedAnswers<'a>,
    currency: Option<String>,
}

fn dollars(amount: f64) -> Figure {
    Figure::Money {
        amount,
        currency: None,
        range: None,
    }
}

fn count(value: f64) -> Figure {
    Figure::Count { value }
}

fn assumed(name: &str) -> Origin {
    Origin::Assumed {
        assumption: name.to_owned(),
    }
}

fn from(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

impl Workings<'_> {
    /// An amount to the cent in the budget's currency.
    fn money(&self, amount: f64) -> Figure {
        Figure::Money {
            amount: cents(amount),
            currency: self.currency.clone(),
            range: None,
        }
    }

    /// An answered figure above zero, to the cent, with where it came from.
    fn answered(&self, id: &str, monthly: bool) -> Option<(f64, Origin)> {
        let reading = self.answers.get(id)?;
        let value = cents(reading.number()?);
        (value > 0.0).then(|| (value, origin_of(id, reading, monthly)))
    }

    fn assume(&self, name: &str) -> f64 {
        self.content.assumption(name)
    }

    fn typed_failure(&self) -> Origin {
        Origin::Typed {
            question: self.content.roles.failure_point.clone(),
        }
    }

    /// The plan's months: the failure point's (typed or assumed), else the months typed in it,
    /// else the assumption.
    fn months(&self, plan: Option<&FailurePlan>) -> (f64, Origin) {
        match (plan, super::failure::given_months(self.content, &self.answers)) {
            (Some(p), _) if p.given.contains(&FailurePart::Months) => (p.months, self.typed_failure()),
            (Some(p), _) => (p.months, assumed("default_months")),
            (None, Some(m)) => (m, self.typed_failure()),
            (None, None) => (self.assume("default_months"), assumed("default_months")),
        }
    }

    /// The articles' figures, the review hours assumed, and whether the reply speed is known.
    fn article_figures(&self, figures: &mut Figures) {
        let fact = |id: &str| self.content.fact(id).and_then(|f| f.value).unwrap_or(0.0);
        for (name, figure) in [
            (
                "reply_fast_minutes",
                Figure::Minutes {
                    value: fact("reply_fast_minutes"),
                },
            ),
            (
                "reply_slow_minutes",
                Figure::Minutes {
                    value: fact("reply_slow_minutes"),
                },
            ),
            ("reply_fast_premium", dollars(fact("reply_fast_premium"))),
            ("reply_slow_premium", dollars(fact("reply_slow_premium"))),
            ("no_provider_budget", dollars(fact("no_provider_budget"))),
            ("budget_low", dollars(fact("budget_low"))),
        ] {
            figures.put(name, figure, Origin::Article { fact: name.to_owned() });
        }
        figures.put(
            "review_hours",
            Figure::Hours {
                value: self.assume("review_hours"),
            },
            assumed("review_hours"),
        );
        let roles = &self.content.roles;
        if self.answers.contains_key(roles.reply_speed.as_str()) {
            figures.put(
                "reply_now",
                Figure::Known,
                Origin::Typed {
                    question: roles.reply_speed.clone(),
                },
            );
        }
    }

    /// Puts the budget; returns the spend a month every target is worked out from: the failure
    /// point's (the owner's, or proposed from their budget), else the budget itself.
    fn budget_and_spend(&self, figures: &mut Figures, plan: Option<&FailurePlan>) -> Option<(f64, Origin)> {
        let budget = self.answered(&self.content.roles.budget, true);
        if let Some((amount, origin)) = &budget {
            let range = match origin {
                Origin::RangeMiddle { low, high, .. } => Some((*low, *high)),
                _ => None,
            };
            let figure = Figure::Money {
                amount: *amount,
                currency: self.currency.clone(),
                range,
            };
            figures.put("budget", figure, origin.clone());
        }
        match plan {
            Some(p) if p.given.contains(&FailurePart::Spend) => Some((cents(p.per_month), self.typed_failure())),
            Some(p) => Some((
                cents(p.per_month),
                budget
                    .as_ref()
                    .map_or_else(|| Origin::Proposed { from: Vec::new() }, |(_, o)| o.clone()),
            )),
            None => budget,
        }
    }

    /// From the spend: the total over the months, the followers' line and target, and with a sale
    /// value the break-even and target sales.
    fn targets(&self, figures: &mut Figures, (spend, origin): (f64, &Origin), sale: Option<f64>, months: f64) {
        figures.put("spend", self.money(spend), origin.clone());
        figures.put(
            "failure_total",
            self.money(spend * months),
            Origin::WorkedOut {
                from: from(&["spend", "months"]),
            },
        );
        let multiple = self.assume("target_return");
        figures.put("return_multiple", count(multiple), assumed("target_return"));
        // The article's line is where to stop; success is `multiple` times it, as a sale's
        // target is `multiple` times the spend, so the failure line sits below the target.
        let line = followers_line(self.content, spend, months);
        if line > 0.0 {
            figures.put(
                "followers_line",
                count(line),
                Origin::Proposed {
                    from: from(&["spend", "months"]),
                },
            );
            figures.put(
                "followers_target",
                count(round_to_nice(line * multiple)),
                Origin::Proposed {
                    from: from(&["followers_line", "return_multiple"]),
                },
            );
        }
        let Some(sale) = sale else {
            return;
        };
        let break_even = fewest(spend, sale);
        figures.put(
            "break_even_sales",
            count(break_even),
            Origin::WorkedOut {
                from: from(&["spend", "sale_value"]),
            },
        );
        figures.put(
            "break_even_return",
            self.money(break_even * sale),
            Origin::WorkedOut {
                from: from(&["break_even_sales", "sale_value"]),
            },
        );
        // The fewest sales that bring back `multiple` times the spend, and what they bring.
        let target = fewest(spend * multiple, sale);
        figures.put(
            "target_sales",
            count(target),
            Origin::Proposed {
                from: from(&["spend", "sale_value", "return_multiple"]),
            },
        );
        figures.put(
            "return_target",
            self.money(target * sale),
            Origin::WorkedOut {
                from: from(&["target_sales", "sale_value"]),
            },
        );
    }

    /// The failure point's spend, line and metric, each with where it came from.
    fn failure_figures(&self, figures: &mut Figures, plan: &FailurePlan) {
        let spend_origin = figures
            .origins
            .get("spend")
            .cloned()
            .unwrap_or_else(|| self.typed_failure());
        figures.put("failure_spend", self.money(plan.per_month), spend_origin);
        let result_origin = if plan.below_as_said.is_some() {
            Origin::Read {
                question: self.content.roles.failure_point.clone(),
            }
        } else if plan.given.contains(&FailurePart::Result) {
            self.typed_failure()
        } else if plan.basis.contains(&FailureBasis::SaleValue) {
            Origin::Proposed {
                from: from(&["spend", "sale_value"]),
            }
        } else {
            Origin::Proposed {
                from: from(&["spend", "months"]),
            }
        };
        figures.put("failure_below", count(plan.below), result_origin.clone());
        figures.put("failure_result", Figure::Metric { metric: plan.metric }, result_origin);
    }

    /// The owner's hours a week, the time the outcome asks of them, and whether their best
    /// customer is described.
    fn time_figures(&self, figures: &mut Figures, outcome: Option<Outcome>) {
        let roles = &self.content.roles;
        let hours = self.answered(&roles.hours_available, false);
        if let Some((value, origin)) = &hours {
            figures.put("hours_week", Figure::Hours { value: *value }, origin.clone());
        }
        let (time_budget, time_origin) = match (outcome, &hours) {
            (Some(Outcome::Full), _) => (self.assume("review_hours"), assumed("review_hours")),
            (Some(Outcome::Partial), _) => (self.assume("partial_hours"), assumed("partial_hours")),
            (_, Some((value, origin))) if *value >= self.assume("in_house_hours") => (*value, origin.clone()),
            _ => (self.assume("in_house_hours"), assumed("in_house_hours")),
        };
        figures.put("time_budget", Figure::Hours { value: time_budget }, time_origin);
        if let Some(Reading::Text { .. }) = self.answers.get(roles.prime_customer.as_str()) {
            figures.put(
                "prime_customer",
                Figure::Known,
                Origin::Typed {
                    question: roles.prime_customer.clone(),
                },
            );
        }
    }
}

/// An owner's amount to the cent, where it came from, and its currency.
type Owned = (f64, Origin, Option<String>);

/// Weeks in an average month: 52 weeks over 12 months, as the hours questions count a week.
pub(super) const WEEKS_A_MONTH: f64 = 52.0 / 12.0;

/// 6,667 → 6,700; 12,345 → 12,000: a target, not a false precision.
pub(super) fn round_to_nice(value: f64) -> f64 {
    if value < 100.0 {
        return value.round();
    }
    let magnitude = 10f64.powf(value.log10().floor() - 1.0);
    (value / magnitude).round() * magnitude
}
