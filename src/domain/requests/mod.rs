//! Residents' requests (诉求), the rules without a database: the lifecycle as a state
//! machine ([`lifecycle`]), deadlines and their colours ([`sla`]), and what a new
//! request must look like ([`intake`], [`attachments`]), extensions and suspensions
//! ([`extension`]).

pub mod attachments;
pub mod extension;
pub mod intake;
pub mod lifecycle;
pub mod sla;
