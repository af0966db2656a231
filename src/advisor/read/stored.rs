//! How a stored [`Reading`] is read back: its tag first, then its fields straight from the input.
//!
//! A reading is stored internally tagged, `{"kind":"money","amount":…}`. serde's derive for such
//! an enum cannot know where in the map the tag will be, so it first buffers the whole map (each
//! key and value allocated) and then reads the variant from that buffer. Every answer of an
//! interview holds a reading and the interview is decoded on every answer, so that buffer was
//! a large part of the decode: the dentist's finished interview took 16.8 µs to parse with it,
//! 12.4 µs without it (a loop of 20,000 parses, in the commit that added this file).
//!
//! serde writes the tag first, as the enum's first field, and so every record this project wrote
//! has it there: it is read, and the rest of the map goes straight to the variant's fields. A map
//! whose `kind` is elsewhere (edited by hand, or written by another tool) reads the same, through
//! a buffer as before. Each variant's fields are named once here, in [`fields`], and a test in
//! this file holds them to the enum: every variant round-trips, with its tag first and last.

use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::{Metric, Reading, ResultPeriod, YesNo};

/// The tag, as `rename_all = "snake_case"` names the variants of [`Reading`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    YesNo,
    Scale,
    Choices,
    Money,
    Hours,
    Number,
    Text,
    Unsure,
    FailurePoint,
}

/// Each variant's fields, with the same defaults as the enum's.
mod fields {
    use serde::Deserialize;

    use super::{Metric, ResultPeriod, YesNo};

    #[derive(Deserialize)]
    pub(super) struct OfYesNo {
        pub value: YesNo,
    }

    #[derive(Deserialize)]
    pub(super) struct OfScale {
        pub value: u8,
    }

    #[derive(Deserialize)]
    pub(super) struct OfChoices {
        pub picks: Vec<String>,
    }

    #[derive(Deserialize)]
    pub(super) struct OfMoney {
        pub amount: f64,
        pub min: Option<f64>,
        pub max: Option<f64>,
        pub currency: Option<String>,
        pub per_month: Option<f64>,
    }

    #[derive(Deserialize)]
    pub(super) struct OfHours {
        pub hours_per_week: f64,
        #[serde(default)]
        pub min: Option<f64>,
        #[serde(default)]
        pub max: Option<f64>,
    }

    #[derive(Deserialize)]
    pub(super) struct OfNumber {
        pub value: f64,
        #[serde(default)]
        pub min: Option<f64>,
        #[serde(default)]
        pub max: Option<f64>,
    }

    #[derive(Deserialize)]
    pub(super) struct OfText {
        pub text: String,
    }

    #[derive(Deserialize)]
    pub(super) struct OfUnsure {}

    #[derive(Deserialize)]
    pub(super) struct OfFailurePoint {
        pub per_month: Option<f64>,
        pub months: Option<f64>,
        pub below: Option<f64>,
        pub metric: Option<Metric>,
        #[serde(default)]
        pub below_period: Option<ResultPeriod>,
    }
}

/// The variant `kind` names, read from `rest`: the map's entries other than the tag.
fn variant<'de, D: Deserializer<'de>>(kind: Kind, rest: D) -> Result<Reading, D::Error> {
    use fields::*;
    Ok(match kind {
        Kind::YesNo => {
            let OfYesNo { value } = OfYesNo::deserialize(rest)?;
            Reading::YesNo { value }
        }
        Kind::Scale => {
            let OfScale { value } = OfScale::deserialize(rest)?;
            Reading::Scale { value }
        }
        Kind::Choices => {
            let OfChoices { picks } = OfChoices::deserialize(rest)?;
            Reading::Choices { picks }
        }
        Kind::Money => {
            let OfMoney {
                amount,
                min,
                max,
                currency,
                per_month,
            } = OfMoney::deserialize(rest)?;
            Reading::Money {
                amount,
                min,
                max,
                currency,
                per_month,
            }
        }
        Kind::Hours => {
            let OfHours {
                hours_per_week,
                min,
                max,
            } = OfHours::deserialize(rest)?;
            Reading::Hours {
                hours_per_week,
                min,
                max,
            }
        }
        Kind::Number => {
            let OfNumber { value, min, max } = OfNumber::deserialize(rest)?;
            Reading::Number { value, min, max }
        }
        Kind::Text => {
            let OfText { text } = OfText::deserialize(rest)?;
            Reading::Text { text }
        }
        Kind::Unsure => {
            OfUnsure::deserialize(rest)?;
            Reading::Unsure
        }
        Kind::FailurePoint => {
            let OfFailurePoint {
                per_month,
                months,
                below,
                metric,
                below_period,
            } = OfFailurePoint::deserialize(rest)?;
            Reading::FailurePoint {
                per_month,
                months,
                below,
                metric,
                below_period,
            }
        }
    })
}

impl<'de> Deserialize<'de> for Reading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ReadingVisitor)
    }
}

struct ReadingVisitor;

/// A map's first key: the tag, known without allocating, or another key.
enum FirstKey {
    Kind,
    Other(String),
}

impl<'de> Deserialize<'de> for FirstKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FirstKey;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<FirstKey, E> {
                Ok(match key {
                    "kind" => FirstKey::Kind,
                    other => FirstKey::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Visitor<'de> for ReadingVisitor {
    type Value = Reading;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a reading: a map with its \"kind\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Reading, A::Error> {
        let first = match map.next_key::<FirstKey>()? {
            None => return Err(de::Error::missing_field("kind")),
            Some(FirstKey::Kind) => {
                let kind: Kind = map.next_value()?;
                return variant(kind, MapAccessDeserializer::new(map));
            }
            Some(FirstKey::Other(key)) => key,
        };
        // The tag is elsewhere: the map is gathered, then read the same way.
        let mut rest = serde_json::Map::new();
        rest.insert(first, map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value()?;
            if rest.insert(key, value).is_some() {
                return Err(de::Error::custom("a reading names a field twice"));
            }
        }
        let kind = rest.remove("kind").ok_or_else(|| de::Error::missing_field("kind"))?;
        let kind = Kind::deserialize(kind).map_err(de::Error::custom)?;
        variant(kind, serde_json::Value::Object(rest)).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One reading of every variant, with every optional field both filled and absent.
    fn every_variant() -> Vec<Reading> {
        vec![
            Reading::YesNo { value: YesNo::Unsure },
            Reading::Scale { value: 4 },
            Reading::Choices {
                picks: vec!["design".to_owned(), "replies".to_owned()],
            },
            Reading::Money {
                amount: 650.0,
                min: Some(300.0),
                max: Some(1000.0),
                currency: Some("EUR".to_owned()),
                per_month: Some(650.0),
            },
            Reading::Money {
                amount: 5.0,
                min: None,
                max: None,
                currency: None,
                per_month: None,
            },
            Reading::ranged(2.0, 5.0, Reading::hours),
            Reading::hours(3.0),
            Reading::ranged(1.0, 2.0, Reading::number_of),
            Reading::number_of(7.0),
            Reading::Text {
                text: "we sell \"kind\" things".to_owned(),
            },
            Reading::Unsure,
            Reading::FailurePoint {
                per_month: Some(500.0),
                months: Some(6.0),
                below: Some(20.0),
                metric: Some(Metric::Leads),
                below_period: Some(ResultPeriod::InAll),
            },
            Reading::FailurePoint {
                per_month: None,
                months: Some(3.0),
                below: None,
                metric: None,
                below_period: None,
            },
        ]
    }

    /// The JSON of `reading` with its tag moved from first to last.
    fn tag_last(reading: &Reading) -> String {
        let mut object = match serde_json::to_value(reading).unwrap() {
            serde_json::Value::Object(object) => object,
            other => panic!("a reading is stored as a map, not {other}"),
        };
        let kind = object.remove("kind").unwrap();
        let mut text = serde_json::to_string(&object).unwrap();
        text.pop();
        let comma = if object.is_empty() { "" } else { "," };
        format!("{text}{comma}\"kind\":{kind}}}")
    }

    #[test]
    fn every_variant_reads_back_with_its_tag_first_or_last() {
        for reading in every_variant() {
            let written = serde_json::to_string(&reading).unwrap();
            assert!(written.starts_with(r#"{"kind":"#), "{written}");
            assert_eq!(serde_json::from_str::<Reading>(&written).unwrap(), reading, "{written}");
            let moved = tag_last(&reading);
            assert!(
                reading == Reading::Unsure || !moved.starts_with(r#"{"kind":"#),
                "{moved}"
            );
            assert_eq!(serde_json::from_str::<Reading>(&moved).unwrap(), reading, "{moved}");
            // Through serde_json's Value too (a deserializer that is not a text parser).
            let value: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(serde_json::from_value::<Reading>(value).unwrap(), reading);
        }
    }

    /// Fields the enum does not know are passed over, as the derive did, wherever the tag is.
    #[test]
    fn unknown_fields_are_ignored_and_wrong_ones_refused() {
        for text in [
            r#"{"kind":"scale","value":3,"note":"later"}"#,
            r#"{"note":[1,{"a":2}],"value":3,"kind":"scale"}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<Reading>(text).unwrap(),
                Reading::Scale { value: 3 },
                "{text}"
            );
        }
        for (text, says) in [
            (r#"{}"#, "missing field `kind`"),
            (r#"{"value":3}"#, "missing field `kind`"),
            (r#"{"kind":"guess","value":3}"#, "unknown variant `guess`"),
            (r#"{"kind":"scale"}"#, "missing field `value`"),
            (r#"{"kind":"scale","value":"three"}"#, "invalid type"),
            (r#"{"value":"three","kind":"scale"}"#, "invalid type"),
            (r#"{"value":3,"value":4,"kind":"scale"}"#, "names a field twice"),
            (r#"["scale",3]"#, "invalid type"),
        ] {
            let err = serde_json::from_str::<Reading>(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}
