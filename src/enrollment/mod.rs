//! The desk flow as a state machine (applicant → eligibility → representation
//! → consent → capture → personal data → review and save): steps, events and
//! validation, with no egui and no SQL. The UI renders its current step and
//! sends it events. Built by the kiosk issue; this is its place.
