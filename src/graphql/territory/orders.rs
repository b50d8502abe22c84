//! `orderBy` enums of territory lists; the id always breaks ties, so paging is stable.

use crate::graphql::macros::order_enum;

order_enum! {
    /// How to order districts.
    DistrictOrder for district {
        /// By standard code, ascending.
        CodeAsc => (Code, false),
        /// By name.
        NameAsc => (Name, false),
        NameDesc => (Name, true),
    }
}

order_enum! {
    /// How to order streets.
    StreetOrder for street {
        CodeAsc => (Code, false),
        NameAsc => (Name, false),
        NameDesc => (Name, true),
    }
}

order_enum! {
    /// How to order communities.
    CommunityOrder for community {
        CodeAsc => (Code, false),
        NameAsc => (Name, false),
        NameDesc => (Name, true),
    }
}

order_enum! {
    /// How to order grids.
    GridOrder for grid {
        CodeAsc => (Code, false),
        NameAsc => (Name, false),
        NameDesc => (Name, true),
    }
}

order_enum! {
    /// How to order buildings.
    BuildingOrder for building {
        CodeAsc => (Code, false),
        NameAsc => (Name, false),
        NameDesc => (Name, true),
        /// Tallest first.
        FloorsDesc => (Floors, true),
    }
}

order_enum! {
    /// How to order units.
    UnitOrder for unit {
        /// By unit number.
        UnitNoAsc => (UnitNo, false),
        CodeAsc => (Code, false),
    }
}

order_enum! {
    /// How to order households.
    HouseholdOrder for household {
        CodeAsc => (Code, false, S2),
        /// By room number as text.
        RoomAsc => (Room, false, S2),
    }
}

order_enum! {
    /// How to order residents.
    ResidentOrder for resident {
        NameAsc => (Name, false, S2),
        NameDesc => (Name, true, S2),
        /// Oldest first.
        BirthDateAsc => (BirthDate, false, S2),
        /// Youngest first.
        BirthDateDesc => (BirthDate, true, S2),
        /// Grouped by where they live: street, community, grid, building, unit and
        /// household together (the area path in text order), then by id. A page of the
        /// residents of an area then reads just its rows in index order; by id it sorts
        /// every match of the area first (bench/ (c): 0.3 ms instead of 28 ms).
        AreaAsc => (AreaPath, false),
    }
}
