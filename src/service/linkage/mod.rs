//! Linkage meetings (联席会议 / 四级联动) against the database: [`record`] a meeting
//! held by a district, street or community, with its attendees (organisations and
//! members serving areas under it), topics and decisions, in one idempotent
//! transaction with its audit row.

mod record;

pub use record::{NewMeeting, record};
