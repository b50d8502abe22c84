//! The hub's notion of "now". Ages, deadlines and SLAs are computed in China Standard
//! Time (Asia/Shanghai), whatever the server's own time zone; tests pin the clock.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }

    /// Today's date in Asia/Shanghai.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Shanghai).date_naive()
    }
}
