//! The eframe kiosk: app shell, one file per screen, shared widgets. No rules,
//! no SQL. Built by the kiosk issue; this is its place.
