//! The п.7 personal-data step: the fields of the registry concerned (the
//! citizenship from the list of states, the previous passport's or the
//! identity document's facts), the photo's import — through the system's
//! file dialog or a typed path — and its crop view with the face guide,
//! the signature pad.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use eframe::egui;

use super::design::{self, Design, FieldMessage, Tone, icons};
use super::desk::DeskContext;
use super::widgets::rgb_texture;
use crate::enrollment::{
    Crop, FieldError, MAX_FILE_BYTES, PHOTO_SIZE, PersonalForm, PhotoChecks, PhotoError,
    PhotoSource, SignaturePad, face_guide, import_signature,
};
use crate::i18n::io_error_key;
use crate::model::{ApplicantKind, COUNTRY_CODES, KAZAKHSTAN_CODE, country_message_key};
use crate::regulation::MessageArg;
use crate::scanner::ScannerError;
use crate::scanner::sbi::client::{FacePhoto, SbiCamera};

struct PhotoState {
    source: PhotoSource,
    crop: Crop,
    preview: Option<egui::TextureHandle>,
    /// The officer has moved the crop or the guide: only then may the crop
    /// be taken (the default crop is not an acceptance).
    placed: bool,
    /// Where a drag of the picture began, and the crop's centre then: the
    /// crop follows the pointer from there (a touch lands and presses in
    /// one frame, so a frame's delta would carry the jump to the finger).
    drag_from: Option<(egui::Pos2, f32, f32)>,
}

/// Which file the system's dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Picking {
    Photo,
    Signature,
}

/// The transient state of the personal-data step.
#[derive(Default)]
pub struct PersonalPanel {
    pub form: PersonalForm,
    photo_path: String,
    photo: Option<PhotoState>,
    photo_texture: Option<egui::TextureHandle>,
    signature_path: String,
    pad: SignaturePad,
    signature_texture: Option<egui::TextureHandle>,
    errors: Vec<FieldError>,
    /// After a first try, the fields are checked as they are typed.
    attempted: bool,
    /// A file problem: (field, Fluent id, detail).
    file_error: Option<(&'static str, &'static str, String)>,
    /// The filter typed in the list of states.
    country_filter: String,
    /// The system's file dialog, open on its own thread.
    dialog: Option<(Picking, Receiver<Option<PathBuf>>)>,
    /// The SBI camera taking the photograph, on its own thread.
    camera_shot: Option<Receiver<Result<FacePhoto, ScannerError>>>,
}

/// A file problem in the officer's words: the OS error by its kind, never
/// the OS's English text.
fn io_problem(error: &std::io::Error) -> (&'static str, String) {
    (
        "photo-error-unreadable",
        io_error_key(error.kind()).to_string(),
    )
}

/// Reads a photo or signature file, refusing huge files and anything that
/// is not a regular file before reading them.
fn read_file(path: &Path) -> Result<Vec<u8>, (&'static str, String)> {
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    if !meta.is_file() {
        return Err(("photo-error-unreadable", "io-error-not-a-file".into()));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        let error = PhotoError::TooLarge {
            bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            max: MAX_FILE_BYTES,
        };
        return Err((error.message_key(), format_mb(meta.len())));
    }
    std::fs::read(path).map_err(|e| io_problem(&e))
}

fn format_mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

impl PersonalPanel {
    /// The photo and signature as shown, for the review.
    pub fn images(&self) -> (Option<&egui::TextureHandle>, Option<&egui::TextureHandle>) {
        (self.photo_texture.as_ref(), self.signature_texture.as_ref())
    }

    /// A panel over an existing form (a correction starts from the record).
    pub fn with_form(form: PersonalForm) -> Self {
        PersonalPanel {
            form,
            ..PersonalPanel::default()
        }
    }

    /// Messages to show next to the fields (and, from now on, checked as
    /// they are typed).
    pub fn set_errors(&mut self, errors: Vec<FieldError>) {
        self.attempted = true;
        self.errors = errors;
    }

    /// The errors in force, recomputed as the officer types once he has
    /// tried to go on.
    pub fn recheck(&mut self, errors: Vec<FieldError>) {
        if self.attempted {
            self.errors = errors;
        }
    }

    fn message(&self, cx: &DeskContext<'_>, field: &str) -> Option<FieldMessage> {
        if let Some((f, key, detail)) = &self.file_error
            && *f == field
        {
            let detail = if detail.starts_with("io-error-") {
                cx.t(detail)
            } else {
                detail.clone()
            };
            return Some(FieldMessage::Error(cx.tf(
                key,
                &[
                    ("detail", MessageArg::Text(detail)),
                    ("max", MessageArg::Text(format_mb(MAX_FILE_BYTES as u64))),
                ],
            )));
        }
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| FieldMessage::Error(cx.t(e.key)))
    }

    /// Imports a photo file into the crop view.
    pub fn import_photo(&mut self, path: &Path) {
        self.file_error = None;
        let result = read_file(path).and_then(|bytes| {
            PhotoSource::load(&bytes).map_err(|e| {
                let detail = match &e {
                    PhotoError::TooLarge { bytes, .. } => format_mb(*bytes as u64),
                    other => other.to_string(),
                };
                (e.message_key(), detail)
            })
        });
        self.show_photo(result);
    }

    /// Takes the photograph with the desk's SBI camera, on a thread of its
    /// own (the window keeps drawing; the capture may wait up to MOSIP's
    /// 40 s for the applicant).
    pub fn take_photo(&mut self, camera: &SbiCamera) {
        if self.camera_shot.is_some() {
            return;
        }
        self.file_error = None;
        let camera = camera.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("beder-camera".into())
            .spawn(move || {
                let _ = tx.send(camera.capture(std::time::Duration::from_millis(
                    crate::scanner::sbi::wire::DEFAULT_TIMEOUT_MS,
                )));
            });
        if spawned.is_ok() {
            self.camera_shot = Some(rx);
        }
    }

    /// Whether the camera is taking the photograph.
    pub fn taking_photo(&self) -> bool {
        self.camera_shot.is_some()
    }

    fn poll_camera(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.camera_shot else {
            return;
        };
        match rx.try_recv() {
            Ok(taken) => {
                self.camera_shot = None;
                let result = taken
                    .map_err(|e| (e.message_key(), e.detail()))
                    .and_then(|photo| {
                        PhotoSource::from_image(image::DynamicImage::ImageRgb8(photo.image))
                            .map_err(|e| (e.message_key(), e.to_string()))
                    });
                self.photo_path.clear();
                self.show_photo(result);
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(TryRecvError::Disconnected) => self.camera_shot = None,
        }
    }

    /// A photograph (from a file or the camera) into the crop view, or
    /// the reason it cannot be used.
    fn show_photo(&mut self, result: Result<PhotoSource, (&'static str, String)>) {
        match result {
            Ok(source) => {
                let mut crop = source.default_crop();
                // As the slider shows it (two decimals), so that showing it
                // does not count as the officer's move.
                crop.height = (crop.height * 100.0).round() / 100.0;
                self.photo = Some(PhotoState {
                    source,
                    crop,
                    preview: None,
                    placed: false,
                    drag_from: None,
                });
            }
            Err((key, detail)) => self.file_error = Some(("photo", key, detail)),
        }
    }

    /// Imports a signature file.
    pub fn import_signature(&mut self, path: &Path) {
        self.file_error = None;
        let result = read_file(path).and_then(|bytes| {
            import_signature(&bytes).map_err(|e| (e.message_key(), e.to_string()))
        });
        match result {
            Ok(signature) => {
                self.form.signature = Some(signature);
                self.signature_texture = None;
            }
            Err((key, detail)) => self.file_error = Some(("signature", key, detail)),
        }
    }

    /// Opens the system's file dialog on its own thread (the window keeps
    /// drawing); the chosen file is imported when it comes back.
    fn open_dialog(&mut self, picking: Picking, title: String) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("beder-file-dialog".into())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter("JPEG, PNG", &["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"])
                    .pick_file();
                let _ = tx.send(picked);
            });
        if spawned.is_ok() {
            self.dialog = Some((picking, rx));
        }
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some((picking, rx)) = &self.dialog else {
            return;
        };
        let picking = *picking;
        match rx.try_recv() {
            Ok(Some(path)) => {
                self.dialog = None;
                match picking {
                    Picking::Photo => {
                        self.photo_path = path.display().to_string();
                        self.import_photo(&path);
                    }
                    Picking::Signature => {
                        self.signature_path = path.display().to_string();
                        self.pad.clear();
                        self.import_signature(&path);
                    }
                }
            }
            Ok(None) | Err(TryRecvError::Disconnected) => self.dialog = None,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
    }

    /// The п.7 fields of the registry concerned, the photo and (citizens)
    /// the signature; used at enrolment and for corrections.
    /// `previous_passport`: the citizen named a previous passport (its
    /// facts are then asked); `replaces`: the service restores or replaces
    /// a passport (they are then required).
    pub fn fields_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &DeskContext<'_>,
        kind: ApplicantKind,
        previous_passport: bool,
    ) {
        self.poll_dialog(ui.ctx());
        self.poll_camera(ui.ctx());
        let d = Design::of(ui.ctx());
        let hint = cx.lang.date_hint();
        let m = |s: &Self, f: &str| s.message(cx, f);
        let p7 = if kind == ApplicantKind::Citizen {
            "п.7.1"
        } else {
            "п.7.2"
        };
        ui.columns(2, |columns| {
            let ui = &mut columns[0];
            match kind {
                ApplicantKind::Citizen => {
                    let e = m(self, "birth_place");
                    design::text_row(
                        ui,
                        &cx.t("ui-birth-place"),
                        &mut self.form.birth_place,
                        e.as_ref(),
                        Some(p7),
                        None,
                    );
                    design::text_row(
                        ui,
                        &cx.t("ui-ethnicity"),
                        &mut self.form.ethnicity,
                        Some(&FieldMessage::Hint(cx.t("ui-ethnicity-hint"))),
                        None,
                        None,
                    );
                    let mut kazakhstan =
                        cx.t(&format!("country-{}", KAZAKHSTAN_CODE.to_ascii_lowercase()));
                    ui.add_enabled_ui(false, |ui| {
                        design::text_row(
                            ui,
                            &cx.t("ui-citizenship"),
                            &mut kazakhstan,
                            None,
                            None,
                            None,
                        );
                    });
                }
                ApplicantKind::Foreigner => {
                    let e = m(self, "citizenship");
                    self.citizenship_row(ui, cx, e.as_ref());
                }
                ApplicantKind::Stateless => {
                    design::weak(ui, &cx.t("ui-stateless-no-citizenship"));
                }
            }
            let needs_document = kind != ApplicantKind::Citizen || previous_passport;
            if needs_document {
                let title = cx.t(if kind == ApplicantKind::Citizen {
                    "ui-previous-passport-facts"
                } else {
                    "ui-identity-document-facts"
                });
                design::section(ui, &title, |ui| {
                    let (ei, ee, ea) = (
                        m(self, "document_issue_date"),
                        m(self, "document_expiry_date"),
                        m(self, "document_authority"),
                    );
                    design::text_row(
                        ui,
                        &cx.t("ui-issue-date"),
                        &mut self.form.document_issue_date,
                        ei.as_ref(),
                        Some(p7),
                        Some(hint),
                    );
                    design::text_row(
                        ui,
                        &cx.t("ui-expiry-date"),
                        &mut self.form.document_expiry_date,
                        ee.as_ref(),
                        None,
                        Some(hint),
                    );
                    design::text_row(
                        ui,
                        &cx.t("ui-issuing-authority"),
                        &mut self.form.document_authority,
                        ea.as_ref(),
                        None,
                        None,
                    );
                });
            } else {
                design::weak(ui, &cx.t("ui-no-previous-passport"));
            }
            let ui = &mut columns[1];
            self.photo_ui(ui, cx);
            if kind == ApplicantKind::Citizen {
                ui.add_space(d.sizes.group_gap);
                self.signature_ui(ui, cx);
            }
        });
    }

    /// The citizenship, chosen from the list of states (ISO 3166-1) in the
    /// officer's language, with a filter.
    fn citizenship_row(
        &mut self,
        ui: &mut egui::Ui,
        cx: &DeskContext<'_>,
        message: Option<&FieldMessage>,
    ) {
        let d = Design::of(ui.ctx());
        let shown = country_message_key(&self.form.citizenship)
            .map(|key| cx.t(&key))
            .unwrap_or_else(|| cx.t("ui-choose-state"));
        ui.horizontal_top(|ui| {
            let label = ui.add_sized(
                [
                    d.sizes.label_width.min(ui.available_width() * 0.38),
                    d.sizes.control_height,
                ],
                egui::Label::new(cx.t("ui-citizenship")),
            );
            ui.vertical(|ui| {
                let response = egui::ComboBox::from_id_salt("citizenship")
                    .selected_text(shown)
                    .width(
                        d.sizes
                            .field_width
                            .min(ui.available_width() - d.sizes.group_gap),
                    )
                    .height(d.sizes.table_height)
                    .show_ui(ui, |ui| {
                        let filter = ui.add(
                            egui::TextEdit::singleline(&mut self.country_filter)
                                .hint_text(cx.t("ui-filter-states")),
                        );
                        filter.request_focus();
                        let wanted = self.country_filter.trim().to_lowercase();
                        let mut names: Vec<(&str, String)> = COUNTRY_CODES
                            .iter()
                            .map(|code| {
                                (
                                    *code,
                                    cx.t(&format!("country-{}", code.to_ascii_lowercase())),
                                )
                            })
                            .filter(|(code, name)| {
                                *code != KAZAKHSTAN_CODE
                                    && (wanted.is_empty()
                                        || name.to_lowercase().contains(&wanted)
                                        || code.to_lowercase().starts_with(&wanted))
                            })
                            .collect();
                        names.sort_by(|a, b| a.1.cmp(&b.1));
                        for (code, name) in names {
                            if ui
                                .selectable_label(self.form.citizenship == code, name)
                                .clicked()
                            {
                                self.form.citizenship = code.to_string();
                                self.country_filter.clear();
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let _ = response;
                if let Some(FieldMessage::Error(text)) = message {
                    ui.label(
                        egui::RichText::new(text)
                            .size(d.sizes.small)
                            .color(d.palette.danger_text),
                    );
                }
            });
        });
    }

    fn photo_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        design::heading(ui, &cx.t("ui-photo"));
        if self.form.photo_purged && self.form.photo.is_none() {
            design::note(ui, Tone::Info, &cx.t("records-photo-purged"));
        }
        let message = self.message(cx, "photo");
        design::text_row(
            ui,
            &cx.t("ui-photo-file"),
            &mut self.photo_path,
            message.as_ref(),
            Some("п.7"),
            None,
        );
        ui.horizontal_wrapped(|ui| {
            if design::secondary(ui, Some(icons::FOLDER), &cx.t("ui-choose-file")).clicked() {
                self.open_dialog(Picking::Photo, cx.t("ui-photo"));
            }
            if design::secondary(ui, Some(icons::CAMERA), &cx.t("ui-import-photo")).clicked() {
                let path = self.photo_path.trim().to_string();
                self.import_photo(Path::new(&path));
            }
            // A desk with an SBI camera takes the photograph with it; the
            // file stays for a photograph the applicant brings.
            if let Some(camera) = cx.devices.camera() {
                if self.taking_photo() {
                    ui.spinner();
                    design::weak(ui, &cx.t("ui-taking-photo"));
                } else if design::secondary(ui, Some(icons::CAMERA), &cx.t("ui-take-photo"))
                    .clicked()
                {
                    self.take_photo(camera);
                }
            }
        });
        if let Some(camera) = cx.devices.camera() {
            design::weak(
                ui,
                &cx.tf(
                    "ui-camera-device",
                    &[("device", MessageArg::Text(camera.describe()))],
                ),
            );
        }
        let use_crop = self
            .photo
            .as_mut()
            .is_some_and(|state| crop_ui(ui, state, cx));
        if use_crop && let Some(state) = &self.photo {
            let checks = state.source.checks(state.crop);
            if !checks.passed() {
                self.file_error = Some(("photo", "photo-error-checks", String::new()));
            } else {
                match state.source.encode(state.crop) {
                    Ok(photo) => {
                        let rendered = state.source.render(state.crop);
                        self.photo_texture = Some(rgb_texture(ui.ctx(), "photo", &rendered));
                        self.form.photo = Some(photo);
                        self.photo = None;
                        self.file_error = None;
                    }
                    Err(e) => {
                        self.file_error = Some(("photo", e.message_key(), e.to_string()));
                    }
                }
            }
        }
        if self.photo_texture.is_none()
            && let Some(photo) = &self.form.photo
            && let Ok(image) = image::load_from_memory(&photo.bytes)
        {
            self.photo_texture = Some(rgb_texture(ui.ctx(), "photo", &image.to_rgb8()));
        }
        if self.form.photo.is_some() && self.photo.is_none() {
            ui.horizontal(|ui| {
                if let Some(texture) = &self.photo_texture {
                    ui.add(egui::Image::from_texture(texture).max_height(d.sizes.photo));
                }
                design::note(
                    ui,
                    Tone::Success,
                    &cx.tf(
                        "ui-photo-taken",
                        &[
                            ("width", MessageArg::Number(i64::from(PHOTO_SIZE.0))),
                            ("height", MessageArg::Number(i64::from(PHOTO_SIZE.1))),
                        ],
                    ),
                );
            });
        }
    }

    fn signature_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        design::heading(ui, &cx.t("ui-signature"));
        ui.checkbox(&mut self.form.unable_to_sign, cx.t("ui-unable-to-sign"));
        if self.form.unable_to_sign {
            return;
        }
        // The pad: strokes drawn with the mouse, a stylus or a finger.
        let size = egui::vec2(
            ui.available_width().min(d.sizes.pad_width),
            d.sizes.pad_height,
        );
        let (response, painter) = ui.allocate_painter(size, egui::Sense::drag());
        let rect = response.rect;
        painter.rect_filled(rect, d.sizes.radius, d.palette.paper);
        painter.rect_stroke(
            rect,
            d.sizes.radius,
            egui::Stroke::new(d.sizes.border_width, d.palette.border),
            egui::StrokeKind::Inside,
        );
        if response.drag_started() {
            self.pad.strokes.push(Vec::new());
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let p = (
                ((pos.x - rect.min.x) / rect.width()).clamp(0.0, 1.0),
                ((pos.y - rect.min.y) / rect.height()).clamp(0.0, 1.0),
            );
            if let Some(stroke) = self.pad.strokes.last_mut() {
                stroke.push(p);
            }
        }
        if response.drag_stopped() && !self.pad.is_empty() {
            let signature = self.pad.render();
            self.signature_texture = image::load_from_memory(&signature.bytes)
                .ok()
                .map(|image| rgb_texture(ui.ctx(), "signature", &image.to_rgb8()));
            self.form.signature = Some(signature);
        }
        for stroke in &self.pad.strokes {
            let points: Vec<egui::Pos2> = stroke
                .iter()
                .map(|(x, y)| rect.min + egui::vec2(x * rect.width(), y * rect.height()))
                .collect();
            // Ink on the white pad, in every theme.
            painter.add(egui::Shape::line(
                points,
                egui::Stroke::new(d.sizes.outline, d.palette.ink),
            ));
        }
        if self.pad.is_empty()
            && let Some(signature) = &self.form.signature
        {
            if self.signature_texture.is_none()
                && let Ok(image) = image::load_from_memory(&signature.bytes)
            {
                self.signature_texture = Some(rgb_texture(ui.ctx(), "signature", &image.to_rgb8()));
            }
            if let Some(texture) = &self.signature_texture {
                painter.image(
                    texture.id(),
                    rect,
                    egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                    design::NO_TINT,
                );
            }
        }
        let message = self.message(cx, "signature");
        design::text_row(
            ui,
            &cx.t("ui-signature-file"),
            &mut self.signature_path,
            message.as_ref(),
            None,
            None,
        );
        ui.horizontal(|ui| {
            if design::secondary(ui, None, &cx.t("ui-signature-clear")).clicked() {
                self.pad.clear();
                self.form.signature = None;
                self.signature_texture = None;
            }
            if design::secondary(ui, Some(icons::FOLDER), &cx.t("ui-choose-file")).clicked() {
                self.open_dialog(Picking::Signature, cx.t("ui-signature"));
            }
            if design::secondary(ui, Some(icons::SIGNATURE), &cx.t("ui-import-signature")).clicked()
            {
                let path = self.signature_path.trim().to_string();
                self.pad.clear();
                self.import_signature(Path::new(&path));
            }
        });
    }
}

fn check_lines(ui: &mut egui::Ui, cx: &DeskContext<'_>, checks: &PhotoChecks) {
    let d = Design::of(ui.ctx());
    let mark = |ok: bool| {
        if ok {
            d.palette.success_text
        } else {
            d.palette.danger_text
        }
    };
    let background = cx.tf(
        "ui-photo-background",
        &[(
            "lightness",
            MessageArg::Number(i64::from(checks.background)),
        )],
    );
    ui.colored_label(mark(checks.background_light), background);
    let resolution = cx.tf(
        "ui-photo-resolution",
        &[
            ("width", MessageArg::Number(i64::from(checks.width))),
            ("height", MessageArg::Number(i64::from(checks.height))),
            ("min_width", MessageArg::Number(i64::from(PHOTO_SIZE.0))),
            ("min_height", MessageArg::Number(i64::from(PHOTO_SIZE.1))),
        ],
    );
    ui.colored_label(mark(checks.resolution_ok), resolution);
}

/// The crop editor: the source with the crop and the face guide over it,
/// dragged or moved by the sliders, the checks, and "use"; `true` when the
/// officer takes the crop.
fn crop_ui(ui: &mut egui::Ui, state: &mut PhotoState, cx: &DeskContext<'_>) -> bool {
    let d = Design::of(ui.ctx());
    let mut use_crop = false;
    design::weak(ui, &cx.t("ui-photo-crop-help"));
    let side = d.sizes.crop as u32;
    if state.preview.is_none() {
        let preview = state.source.preview(side);
        state.preview = Some(rgb_texture(ui.ctx(), "preview-of-photo", &preview));
    }
    ui.horizontal_top(|ui| {
        if let Some(texture) = &state.preview {
            let size = texture.size_vec2();
            let response = ui.add(
                egui::Image::from_texture(texture)
                    .fit_to_exact_size(size)
                    .sense(egui::Sense::drag()),
            );
            if response.drag_started()
                && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            {
                state.drag_from = Some((origin, state.crop.center_x, state.crop.center_y));
            }
            if response.dragged()
                && let (Some((origin, x, y)), Some(pos)) =
                    (state.drag_from, response.interact_pointer_pos())
                && pos != origin
            {
                state.crop.center_x = (x + (pos.x - origin.x) / size.x).clamp(0.0, 1.0);
                state.crop.center_y = (y + (pos.y - origin.y) / size.y).clamp(0.0, 1.0);
                state.placed = true;
            }
            if response.drag_stopped() {
                state.drag_from = None;
            }
            crop_guide(ui, &response, state, &d);
        }
        let checks = state.source.checks(state.crop);
        ui.vertical(|ui| {
            let moved = [
                ui.add(
                    egui::Slider::new(&mut state.crop.height, 0.1..=1.0)
                        .fixed_decimals(2)
                        .text(cx.t("ui-photo-zoom")),
                ),
                ui.add(
                    egui::Slider::new(&mut state.crop.center_x, 0.0..=1.0)
                        .text(cx.t("ui-photo-horizontal")),
                ),
                ui.add(
                    egui::Slider::new(&mut state.crop.center_y, 0.0..=1.0)
                        .text(cx.t("ui-photo-vertical")),
                ),
            ]
            .iter()
            .any(egui::Response::changed);
            if moved {
                state.placed = true;
            }
            check_lines(ui, cx, &checks);
            design::weak(ui, &cx.t("ui-photo-guide"));
            if state.placed {
                if design::button(
                    ui,
                    design::Emphasis::Secondary,
                    Some(icons::DONE),
                    &cx.t("ui-photo-use"),
                )
                .clicked()
                {
                    use_crop = true;
                }
            } else {
                design::note(ui, Tone::Info, &cx.t("ui-photo-place-first"));
            }
        });
    });
    use_crop
}

/// The crop's rectangle and the face guide (the share of the photo the
/// face should cover) over the source as shown.
fn crop_guide(ui: &egui::Ui, response: &egui::Response, state: &PhotoState, d: &Design) {
    let (w, h) = state.source.size();
    // The crop and the face guide over the source.
    let (x, y, cw, ch) = state.source.rect(state.crop);
    let to_screen = |px: u32, py: u32| {
        response.rect.min
            + egui::vec2(
                px as f32 / w as f32 * response.rect.width(),
                py as f32 / h as f32 * response.rect.height(),
            )
    };
    let rect = egui::Rect::from_min_max(to_screen(x, y), to_screen(x + cw, y + ch));
    let painter = ui.painter_at(response.rect);
    painter.rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(d.sizes.outline, d.palette.accent),
        egui::StrokeKind::Inside,
    );
    let (rx, ry) = face_guide(rect.width(), rect.height());
    let centre = rect.center();
    let points: Vec<egui::Pos2> = (0..64)
        .map(|i| {
            let a = i as f32 / 64.0 * std::f32::consts::TAU;
            centre + egui::vec2(rx * a.cos(), ry * a.sin())
        })
        .collect();
    painter.add(egui::Shape::closed_line(
        points,
        egui::Stroke::new(d.sizes.outline, d.palette.warning),
    ));
}
