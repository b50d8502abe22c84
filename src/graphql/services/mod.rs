//! Services for the old and the young (一老一小) in the API: the `ServiceItem`,
//! `ServiceProvider` and `ServiceOrder` nodes, their lists, `resident.serviceOrders`,
//! and the order's lifecycle mutations (`orderService` … `settleServiceOrder`).

mod enums;
mod filters;
mod inputs;
mod item;
mod mutations;
mod order;
mod provider;
mod queries;

pub use filters::{ServiceOrderFilter, ServiceOrderOrder};
pub use item::ServiceItem;
pub use mutations::ServicesMutation;
pub use order::ServiceOrder;
pub use provider::ServiceProvider;
pub use queries::{ServicesQuery, resident_service_orders};
