//! What a linkage meeting (联席会议 / 四级联动) must look like: a level that matches the
//! area holding it (the hub's territory starts at districts, so a CITY meeting has no
//! area of its own here), a day not in the future, a title, one to twenty topics and up
//! to twenty decisions, each a short text.

use chrono::NaiveDate;

pub const MAX_ITEMS: usize = 20;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_ITEM_CHARS: usize = 500;

/// The level of a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    City,
    District,
    Street,
    Community,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "CITY",
            Level::District => "DISTRICT",
            Level::Street => "STREET",
            Level::Community => "COMMUNITY",
        }
    }

    /// The area table a meeting of this level is held by.
    pub fn area_table(self) -> Result<&'static str, String> {
        match self {
            Level::City => Err(
                "the hub's territory starts at districts: record a city meeting's district \
                 part at DISTRICT level"
                    .to_owned(),
            ),
            Level::District => Ok("district"),
            Level::Street => Ok("street"),
            Level::Community => Ok("community"),
        }
    }
}

/// A meeting's texts, trimmed and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minutes {
    pub title: String,
    pub topics: Vec<String>,
    pub decisions: Vec<String>,
}

fn items(what: &str, raw: &[String], least: usize) -> Result<Vec<String>, String> {
    let items: Vec<String> = raw.iter().map(|item| item.trim().to_owned()).collect();
    let bad = items
        .iter()
        .any(|item| item.is_empty() || item.chars().count() > MAX_ITEM_CHARS);
    if items.len() < least || items.len() > MAX_ITEMS || bad {
        return Err(format!(
            "`{what}` takes {least} to {MAX_ITEMS} items of 1 to {MAX_ITEM_CHARS} characters"
        ));
    }
    Ok(items)
}

/// Checks the day and texts of a meeting.
pub fn validate(
    held_on: NaiveDate,
    today: NaiveDate,
    title: &str,
    topics: &[String],
    decisions: &[String],
) -> Result<Minutes, String> {
    if held_on > today {
        return Err("`heldOn` must not be in the future".to_owned());
    }
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!(
            "`title` must have 1 to {MAX_TITLE_CHARS} characters"
        ));
    }
    Ok(Minutes {
        title: title.to_owned(),
        topics: items("topics", topics, 1)?,
        decisions: items("decisions", decisions, 0)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_meeting_needs_a_past_day_a_title_and_a_topic() {
        let today = day("2026-06-15");
        let topics = vec![" 老旧小区改造 ".to_owned()];
        let minutes = validate(today, today, "联席会议", &topics, &[]).unwrap();
        assert_eq!(minutes.topics, ["老旧小区改造"]);
        assert!(validate(day("2026-06-16"), today, "t", &topics, &[]).is_err());
        assert!(validate(today, today, " ", &topics, &[]).is_err());
        assert!(validate(today, today, "t", &[], &[]).is_err());
        assert!(validate(today, today, "t", &topics, &[String::new()]).is_err());
    }

    #[test]
    fn levels_match_areas_and_the_city_has_none() {
        assert_eq!(Level::Street.area_table(), Ok("street"));
        assert!(Level::City.area_table().is_err());
    }
}
