//! The icons the kiosk uses (Material Symbols, through
//! `egui_material_icons`): named for what they mean here.

pub use egui_material_icons::MaterialIcon;
use egui_material_icons::icons as m;

pub const VERIFIED: MaterialIcon = m::ICON_CHECK_CIRCLE;
pub const DONE: MaterialIcon = m::ICON_CHECK;
pub const BLOCKED: MaterialIcon = m::ICON_BLOCK;
pub const ERROR: MaterialIcon = m::ICON_ERROR;
pub const WARNING: MaterialIcon = m::ICON_WARNING;
pub const INFO: MaterialIcon = m::ICON_INFO;
pub const NEXT: MaterialIcon = m::ICON_ARROW_FORWARD;
pub const BACK: MaterialIcon = m::ICON_ARROW_BACK;
pub const CANCEL: MaterialIcon = m::ICON_CANCEL;
pub const SAVE: MaterialIcon = m::ICON_SAVE;
pub const FINGERPRINT: MaterialIcon = m::ICON_FINGERPRINT;
pub const PERSON: MaterialIcon = m::ICON_PERSON;
pub const SEARCH: MaterialIcon = m::ICON_SEARCH;
pub const LOCK: MaterialIcon = m::ICON_LOCK;
pub const LOGOUT: MaterialIcon = m::ICON_LOGOUT;
pub const SETTINGS: MaterialIcon = m::ICON_SETTINGS;
pub const FOLDER: MaterialIcon = m::ICON_FOLDER_OPEN;
pub const PRINT: MaterialIcon = m::ICON_PRINT;
pub const SKIPPED: MaterialIcon = m::ICON_REMOVE;
pub const REFRESH: MaterialIcon = m::ICON_REFRESH;
pub const CAMERA: MaterialIcon = m::ICON_PHOTO_CAMERA;
pub const SIGNATURE: MaterialIcon = m::ICON_DRAW;
pub const DEVICE: MaterialIcon = m::ICON_SENSORS;
pub const THEME: MaterialIcon = m::ICON_CONTRAST;
pub const RECORDS: MaterialIcon = m::ICON_FOLDER_SHARED;
pub const SUPERVISOR: MaterialIcon = m::ICON_ADMIN_PANEL_SETTINGS;
pub const PALM: MaterialIcon = m::ICON_BACK_HAND;
pub const EXCEPT: MaterialIcon = m::ICON_DO_NOT_TOUCH;
