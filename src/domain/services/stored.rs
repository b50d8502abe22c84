//! The stored order status (`entity::service_enums::OrderStatus`) and the lifecycle's
//! own are the same twelve values; these conversions keep the lifecycle free of the
//! database.

use entity::service_enums::OrderStatus as Stored;

use super::lifecycle::OrderStatus;

macro_rules! same_values {
    ($($variant:ident),+ $(,)?) => {
        impl From<Stored> for OrderStatus {
            fn from(value: Stored) -> Self {
                match value {
                    $(Stored::$variant => OrderStatus::$variant,)+
                }
            }
        }

        impl From<OrderStatus> for Stored {
            fn from(value: OrderStatus) -> Self {
                match value {
                    $(OrderStatus::$variant => Stored::$variant,)+
                }
            }
        }
    };
}

same_values!(
    Requested,
    EligibilityChecked,
    Approved,
    Rejected,
    Scheduled,
    InService,
    Completed,
    Confirmed,
    Settled,
    Cancelled,
    NoShow,
    Disputed,
);
