//! The hub's notion of "now". Ages, deadlines and SLAs are computed in China Standard
//! Time (Asia/Shanghai), whatever the server's own time zone; tests pin the clock.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<Utc>),
    /// A fixed time that can be moved (tests that watch deadlines pass); shared by
    /// every clone.
    Manual(Arc<RwLock<DateTime<Utc>>>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
            Clock::Manual(at) => *at.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// A [`Clock::Manual`] starting at `at`.
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(RwLock::new(at)))
    }

    /// Moves a manual clock to `at`; other clocks cannot be moved and ignore it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Clock::Manual(now) = self {
            *now.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = at;
        }
    }

    /// Today's date in Asia/Shanghai.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Shanghai).date_naive()
    }
}
