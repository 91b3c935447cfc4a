## Beder — English. Every message id here exists in kk and ru too (a test checks).

app-name = Beder
app-tagline = Fingerprint collection at the consular desk, by the MFA Rules

## Eligibility (п.3, п.4)

decision-collect = Collect fingerprints. Age: { $age }.
decision-exempt = Exempt from dactyloscopic registration: do not take fingerprints; record the exemption and its ground. Age: { $age }.
decision-not-subject = Not subject to dactyloscopic registration at the mission: do not take fingerprints. Age: { $age }.

ground-citizen-passport = The citizen applies for { $service ->
        [first_issue] the first issue
        [restoration] the restoration
       *[replacement] the replacement
    } of a passport (п.3.1).
ground-citizen-other-passport-service = п.3.1 covers only the first issue, restoration or replacement of a passport; this service is not one of them.
ground-visa-applicant = A foreigner or stateless person aged 16 or older applies to the mission for a visa (п.3.2).
ground-visa-applicant-under-16 = The applicant is under 16: п.3.2 covers foreigners and stateless persons aged 16 or older only.
ground-electronic-visa = A visa issued in electronic form without visiting the mission is excluded by п.3.2.
ground-under-12 = Children under 12 are exempt (п.4.1).
ground-reciprocity = Exempt on the basis of reciprocity (п.4.2): { $category ->
        [head_of_state_government_or_organisation] head of a foreign state, government or international organisation, or a family member
        [member_of_parliament_government_or_organisation] member of a foreign parliament, government or international organisation, or a family member, holding a diplomatic passport
        [official_delegation] member of an official delegation or an accompanying person, holding a diplomatic passport
        [honorary_consul] honorary consul of Kazakhstan or a family member
        [agent_on_official_business] holder of a diplomatic or international-organisation passport on official business
        [diplomatic_courier] diplomatic courier with a diplomatic passport and a courier sheet
       *[invited_by_state_body] invited by a state body listed in п.4.2
    }.
ground-medical-conclusion = Conclusion of the medical advisory commission No. { $number } of { $date } (п.4.3).
ground-lacks-fingers-or-palms = The person lacks all fingers or the palms of both hands (п.4.4).

note-reciprocity-refused = The claimed reciprocity exemption (п.4.2) does not apply: { $reason ->
        [not_visa_applicant] it concerns visa applicants only.
        [no_reciprocity] the applicant's state does not give Kazakhstan equal treatment.
       *[condition_not_met] { $category ->
            [member_of_parliament_government_or_organisation] it requires a diplomatic passport.
            [official_delegation] it requires a diplomatic passport.
            [agent_on_official_business] it requires the person on official business himself, with a diplomatic or international-organisation passport.
            [diplomatic_courier] it requires the courier himself, with a diplomatic passport and a courier sheet.
            [invited_by_state_body] it covers the invited person himself only.
           *[other] its condition is not met.
        }
    }

## Before capture (п.5, п.8, п.9, п.11)

requires-consent = { $by ->
        [child] Ask the child for the child's own oral consent, in the presence of the legal representative (п.5, п.8).
        [guardian] Consent is expressed through the guardian and recorded as such (п.5, п.9).
       *[applicant] Ask the citizen whether they consent to dactyloscopic registration and record the oral answer (п.5).
    }
requires-legal-representative = The legal representative must be present with an identity document and a document confirming the authority (п.8).
requires-guardian = The guardian must be present with an identity document and a document confirming the guardianship (п.9).
requires-written-application = The written application in the form of Annex 1 to the Registration Rules is required (п.8, п.9).
requires-verification = The person was registered before: verify identity against the stored fingerprints instead of enrolling anew (п.11).

## Capture plan (п.10)

plan-fingers = Print the fingers; { $excepted } excepted (п.10).
plan-palms = The fingers cannot be printed: print the palms and record a { $permanence ->
        [permanent] permanent
       *[temporary] temporary
    } physical-defect mark (п.10).
plan-no-prints = Neither fingers nor palms can be printed: no fingerprinting; record a { $permanence ->
        [permanent] permanent
       *[temporary] temporary
    } physical-defect mark (п.10).

## Fingers and exceptions

finger-right-thumb = Right thumb
finger-right-index = Right index
finger-right-middle = Right middle
finger-right-ring = Right ring
finger-right-little = Right little
finger-left-thumb = Left thumb
finger-left-index = Left index
finger-left-middle = Left middle
finger-left-ring = Left ring
finger-left-little = Left little
exception-amputated = Amputated
exception-no-papillary-pattern = No papillary pattern
exception-injured = Injured
exception-bandaged = Bandaged
exception-unprintable = Unprintable at this sitting

## Invalid cases

error-born-after-application = The birth date is after the application date.
error-citizen-needs-passport-service = A citizen applies for a passport service (first issue, restoration, replacement or other), not a visa.
error-foreigner-needs-visa = A foreigner or stateless person applies for a visa, not a passport service.
error-medical-conclusion-number = Give the number of the medical advisory commission's conclusion.
error-medical-conclusion-date = The conclusion cannot be dated after the application date.

## IIN

iin-error-length = An IIN has exactly 12 digits.
iin-error-not-digits = An IIN contains digits only.
iin-error-century = The 7th digit of an IIN (century and sex) must be 1 to 6.
iin-error-birth-date = Digits 1 to 6 of the IIN are not a date (YYMMDD).
iin-error-check-digit = The IIN's check digit is wrong: check for a typing error.
iin-error-no-check-digit = No valid IIN has these first 11 digits.

## Command line

cli-error-field = invalid input in `{ $field }`: { $detail }
cli-error-input = invalid input: { $detail }
cli-error-read-stdin = cannot read the standard input: { $detail }
cli-error-date = `{ $field }`: "{ $value }" is not a date written YYYY-MM-DD

## Store

store-error-missing-directory = The data directory { $detail } does not exist.
store-error-not-initialized = There is no database here ({ $detail }). Create it with `beder db init`.
store-error-already-exists = A database already exists at { $detail }; nothing was changed.
store-error-key-file-missing = The key file { $detail } is missing: the database cannot be opened without it. Restore it from the backup.
store-error-key-file = The key file cannot be used: { $detail }
store-error-wrong-passphrase = Wrong passphrase. The database was not changed.
store-error-empty-passphrase = The passphrase cannot be empty.
store-error-corrupt = The database is damaged ({ $detail }). Nothing was written; restore the latest backup.
store-error-newer-schema = The database was written by a newer Beder (schema { $detail }). Update Beder; the database was not changed.
store-error-read-only = The database cannot be written: the disk or the file is read-only ({ $detail }). Nothing was lost.
store-error-disk-full = The disk is full. Nothing already saved was lost; free some space and try again.
store-error-busy = The database is in use by another program. Try again.
store-error-mode-mismatch = This database belongs to the other mode ({ $detail }): live and training data never mix.
store-error-not-found = No such record.
store-error-invalid = The data cannot be saved: { $detail }
store-error-io = File error: { $detail }
store-error-sqlite = Database error: { $detail }
auth-error-wrong-credentials = Wrong login or password.
auth-error-locked = Too many failed attempts: the account is locked for 5 minutes.
auth-error-deactivated = This account is deactivated. Ask the head of the consular section.
cli-error-no-data-dir = No data directory: give one with --data-dir.
cli-error-no-passphrase = No passphrase: give --passphrase-file FILE or set BEDER_PASSPHRASE.
cli-error-passphrase-file = The passphrase file { $path } cannot be read: { $detail }

## Scanner and images

scanner-error-not-connected = The scanner is not connected. Check the cable and press Reconnect.
scanner-error-busy = The scanner is busy with another capture.
scanner-error-timeout = No finger was placed in time. Try again.
scanner-error-no-finger = No finger detected on the scanner.
scanner-error-wrong-finger-count = The scanner saw fewer fingers than expected. Place all the fingers, or record an exception for the missing ones.
scanner-error-device-fault = The scanner reported a fault: { $detail }
scanner-error-cancelled = The capture was cancelled.
scanner-error-unsupported = The scanner cannot do this capture: { $detail }
image-error-unreadable = The image file cannot be read: { $detail }
image-error-not-an-image = The file is not an image (PNG, TIFF, BMP, JPEG or WSQ): { $detail }
image-error-empty = The image is empty: { $detail }
image-error-too-large = The image is too large: { $detail }
image-error-bit-depth = The image is not 8-bit grayscale: { $detail }
image-error-damaged = The image data are damaged: { $detail }
cli-error-impressions = The number of impressions must be 1 to 20, not { $value }.

## Biometrics

extract-error-too-small = The image is too small for minutiae detection: { $detail }
extract-error-too-large = The image is too large for minutiae detection: { $detail }
iso-error = Not a valid ISO/IEC 19794-2 template: { $detail }
eval-error = The evaluation cannot run: { $detail }
cli-error-ppi = The resolution must be 250 to 2000 ppi, not { $value }.
cli-error-matcher = Unknown matcher { $value } (known: mcc, bozorth3, prefilter).

## Desk flow

flow-error-wrong-step = This cannot be done at this step.
flow-error-fields = Some fields need correcting.
flow-error-representation = The representative's documents are incomplete: the flow cannot go on until they are recorded (п.8, п.9).
error-service-mismatch = A citizen applies for a passport; a foreigner or stateless person for a visa.
field-required = Required.
field-bad-date = Not a date: write it as DD.MM.YYYY.
field-iin-citizens-only = An IIN is recorded for citizens only (п.7).
field-iin-disagrees = The IIN does not agree with the birth date or sex.

## Kiosk screens

ui-training-banner = TRAINING — training database and simulated scanner; nothing here reaches the live registries
ui-sign-out = Sign out
ui-theme-light = Light theme
ui-theme-dark = Dark theme
ui-unlock-title = Open the database
ui-passphrase = Database passphrase
ui-unlock = Unlock
ui-setup-title = First run: mission, first supervisor, database passphrase
ui-mission = Mission
ui-country = Country
ui-city = City
ui-surname = Surname
ui-name = Name
ui-login = Login
ui-password = Password
ui-passphrase-again = Passphrase again
ui-create = Create
ui-passphrase-mismatch = The passphrases differ or are shorter than 8 characters.
ui-sign-in-title = Officer sign-in
ui-sign-in = Sign in
ui-locked-title = Screen locked: enter your password
ui-step-applicant = Applicant and service
ui-step-identity = Identity and look-up
ui-step-eligibility = Questions for the decision (п.3, п.4)
ui-step-representation = Legal representative or guardian (п.8, п.9)
ui-step-consent = Consent (п.5)
ui-step-capture = Fingerprinting (п.6, п.10)
ui-step-confirmation = Decision without fingerprinting
ui-step-done = Done
ui-outcome-collect = Collect
ui-outcome-exempt = Exempt
ui-outcome-not-subject = Not subject
ui-previous-registration = Registered before:
ui-save-decision = Save the decision
ui-next-applicant = Next applicant
ui-done-refusal = The refusal is recorded in the citizen registry.
ui-done-not-collected = The decision is recorded with its grounds.
ui-back = Back
ui-citizen = Citizen
ui-foreigner = Foreigner
ui-stateless = Stateless person
ui-service-first-issue = Passport: first issue
ui-service-restoration = Passport: restoration
ui-service-replacement = Passport: replacement
ui-service-other = Passport: other service
ui-service-visa = Visa at the mission
ui-service-e-visa = Electronic visa without a visit
ui-next = Next
ui-patronymic = Patronymic (if any)
ui-birth-date = Birth date
ui-sex = Sex
ui-male = Male
ui-female = Female
ui-iin = IIN (if any)
ui-previous-passport = Previous passport number
ui-identity-document = Identity document number
ui-declared-incapable = Declared legally incapable by a court
ui-lacks-fingers = Lacks all fingers or the palms of both hands (п.4.4)
ui-medical-conclusion = Conclusion of the medical advisory commission (п.4.3)
ui-medical-number = Conclusion number
ui-medical-date = Conclusion date
ui-reciprocity = Reciprocity holds with the applicant's state (п.4.2)
ui-category = Category:
ui-category-none = None
ui-family-member = Family member or accompanying person
ui-passport-kind = Passport:
ui-passport-ordinary = Ordinary
ui-passport-diplomatic = Diplomatic
ui-passport-service = Service
ui-passport-international = International organisation
ui-courier-sheet = Holds a courier sheet
ui-decide = Decide
ui-rep-identity-number = Identity document number
ui-rep-authority-title = Document confirming the authority
ui-rep-authority-number = Its number
ui-rep-application = Written application (Annex 1) received
ui-consents = Consents
ui-refuses = Refuses
ui-demo-login = Training: sign in as { $login } with the password { $password }.
ui-category-name = { $category ->
        [head_of_state_government_or_organisation] Head of state, government or organisation
        [member_of_parliament_government_or_organisation] Member of parliament, government or organisation
        [official_delegation] Official delegation
        [honorary_consul] Honorary consul
        [agent_on_official_business] On official business
        [diplomatic_courier] Diplomatic courier
       *[invited_by_state_body] Invited by a state body
    }

## The capture desk (п.10) and verification (п.11)
ui-step-verification = Identity verification (п.11)
ui-step-personal-data = Personal data (п.7)
ui-step-review = Review and save
ui-scanner = Scanner
ui-no-scanner = No scanner is connected.
ui-device-ready = Ready
ui-device-busy = Capturing
ui-device-not-ready = Not ready
ui-device-disconnected = Disconnected
ui-reconnect = Reconnect
ui-simulated-person = Simulated applicant:
ui-capture = Scan
ui-capturing = Capturing… the officer may cancel.
ui-cancel = Cancel
ui-continue = Continue
ui-right-hand = Right hand
ui-left-hand = Left hand
ui-palms = Palms (п.10)
ui-quality = Quality { $score }
ui-quality-policy = Quality threshold { $threshold }, at most { $attempts } attempts per finger.
ui-attempts = Attempts: { $count }
ui-exception = exception…
ui-recapture = recapture
ui-exception-for = Why can { $position } not be printed?
ui-no-exception = No exception
ui-force-capture-ask = { $position }: the attempts are used up below the threshold. Accept the best impression as force-captured, because:
ui-mark-temporary = Physical-defect mark, temporary: re-fingerprint at the next application (п.10).
ui-mark-permanent = Physical-defect mark, permanent (п.10).
capture-request-finger = Next: { $finger }
capture-request-right-four = Next: the four fingers of the right hand
capture-request-left-four = Next: the four fingers of the left hand
capture-request-thumbs = Next: both thumbs
capture-request-palm = Next: the palm
capture-status-to-do = To do
capture-status-recapture = Recapture: quality too low
capture-status-sequence = Recapture: sequence check
capture-status-awaiting-force = Attempts used up
capture-status-accepted = Accepted
capture-status-force-captured = Force-captured
capture-error-wrong-fingers = The scanner returned { $found } of { $expected } fingers. Set an exception for a missing finger, or capture again.
capture-error-not-expected = This capture is not part of the plan.
capture-error-same-finger = The same finger was given twice ({ $fingers }): capture these positions again.
capture-error-hands-swapped = The hands were swapped ({ $fingers }): capture both hands again.
force-worn-ridges = Worn ridges
force-skin-condition = Dry or damp skin
force-scarred = Scars or creases
force-cannot-hold-still = Cannot hold the finger still
palm-right-full = Right palm
palm-left-full = Left palm
palm-right-writers = Right writer's palm
palm-left-writers = Left writer's palm
ui-verification-round = Verification round { $round } of { $rounds }: capture these fingers.
ui-verification-fused = Fused score { $score } (threshold { $threshold })
ui-verified = Identity verified (п.11).
ui-not-verified = Identity not verified after the allowed attempts (п.11).
ui-supervisor-needed = A supervisor must sign in for the case to go on (the applicant is then fingerprinted in full).
ui-supervisor-login = Supervisor's login
ui-supervisor-password = Supervisor's password
ui-supervisor-continue = Supervisor: continue
ui-done-registered = The registration is saved.
ui-done-verified = The verification is recorded.
flow-error-capture-incomplete = Fingerprinting is not complete: every finger must be accepted, force-captured or excepted.
flow-error-verification-unfinished = The verification is not finished.
flow-error-supervisor-required = Only a supervisor can let this case go on.

## Personal data (п.7)
ui-birth-place = Place of birth
ui-ethnicity = Ethnicity
ui-citizenship = Citizenship
ui-issue-date = Issue date
ui-expiry-date = Valid until
ui-issuing-authority = Issuing authority
ui-no-previous-passport = First issue: no previous passport.
ui-photo = Photograph
ui-photo-file = Photo file (JPEG or PNG)
ui-import-photo = Import photo
ui-photo-crop-help = Drag the picture or use the sliders so that the face fills the yellow oval.
ui-photo-zoom = Crop height
ui-photo-horizontal = Left – right
ui-photo-vertical = Up – down
ui-photo-guide = The oval covers 75 % of the photo: the face should fill it (п.7).
ui-photo-use = Use this crop
ui-photo-background = Background lightness { $lightness } (light needed)
ui-photo-resolution = Crop { $width }×{ $height } px (at least { $min_width }×{ $min_height })
ui-photo-taken = Photo taken ({ $width }×{ $height }).
ui-signature = Signature
ui-unable-to-sign = Cannot sign (a young child, an infirmity)
ui-signature-clear = Clear
ui-signature-file = or a signature file
ui-import-signature = Import signature
ui-full-name = Full name
ui-registered-on = Date of registration
ui-basis = Basis of registration
ui-yes = Yes
ui-save-registration = Save the registration
field-photo-required = A photograph is required.
field-signature-required = The signature is required (or tick "cannot sign").
field-date-future = This date is in the future.
field-expiry-before-issue = The expiry date must come after the issue date.
field-out-of-range = Out of the allowed range.
photo-error-too-large = The file is { $detail } MB; at most { $max } MB is accepted.
photo-error-not-image = This file is not an image.
photo-error-format = Only JPEG and PNG are accepted.
photo-error-damaged = The image cannot be read: { $detail }
photo-error-too-small = The image is too small: { $detail }
photo-error-unreadable = The file cannot be read: { $detail }
photo-error-checks = The crop fails a check (background or resolution): adjust it or take another photo.

## Supervisor
ui-admin = Supervisor
ui-admin-title = The supervisor's desk
ui-back-to-desk = Back to the desk
ui-admin-settings = Mission settings
ui-setting-quality = Quality threshold (10–90)
ui-setting-attempts = Attempts per finger (1–10)
ui-setting-idle = Idle lock, minutes (1–60)
ui-save-settings = Save the settings
ui-settings-saved = The settings are saved.
ui-admin-accounts = Officer accounts
ui-role-supervisor = Supervisor
ui-role-officer = Officer
ui-account-active = Active
ui-account-inactive = Deactivated
ui-deactivate = Deactivate the account
ui-reset-password = Reset password
ui-new-password = New password
ui-password-reset = The password is reset.
ui-password-too-short = A password needs at least 8 characters.
ui-account-deactivated = The account is deactivated.
ui-new-officer = New officer
ui-create-officer = Create the account
ui-officer-created = The account is created.
ui-exception-short = Exception
ui-recapture-short = Again
ui-officer = Officer
finger-short-thumb = Thumb
finger-short-index = Index
finger-short-middle = Middle
finger-short-ring = Ring
finger-short-little = Little

## Records (п.12–п.14)
ui-records = Records
ui-records-title = Records: search, corrections, re-fingerprinting, archive
ui-back-to-search = Back to the search
ui-registry-both = Both registries
ui-registry-citizens = Citizens
ui-registry-foreigners = Foreigners and stateless persons
ui-search-by-name = By name and birth date
ui-search-iin = IIN (12 digits)
ui-search-by-iin = By IIN
ui-search-by-document = By document number
ui-document-number = Document number
ui-search = Search
ui-nothing-found = Nothing found.
ui-open = Open
ui-registry = Registry
ui-date = Date
ui-badges = Marks
badge-refusal = Refusal
badge-exemption = Exempt
badge-not-subject = Not subject
badge-defect-mark = Defect mark
badge-refingerprint-due = Re-fingerprint due
badge-imported-mark = Registered elsewhere
ui-correct = Correct the data (п.12)
ui-refingerprint = Re-fingerprint (п.13)
ui-verifications = Identity verifications (п.11)
ui-history = Archive of versions (п.14)
ui-history-registered = registration
ui-history-change = { $kind }: { $who }, "{ $reason }", officer { $officer }
ui-history-current = current
ui-history-archived = archived
ui-history-biometric-set = Print set { $set }: { $rows } rows, { $archived } archived
ui-compare = Compare:
ui-changed-count = { $count ->
        [one] One field differs.
       *[other] { $count } fields differ.
    }
ui-correction-title = Correction (п.12): who applied, why, the new values
ui-who-applied = Who applied:
ui-applicant-person = The person
ui-applicant-representative = Legal representative
ui-applicant-guardian = Guardian
ui-applicant-erroneous = Erroneous data discovered
ui-applicant-document = Representative's identity document
ui-reason = Reason
ui-reason-required = The reason is required.
ui-save-correction = Save the correction
ui-correction-saved = The correction is saved; the previous data are archived (п.14).
ui-refingerprint-title = Re-fingerprinting (п.13)
ui-refingerprint-choose = Choose the damaged or lost fingers (or all):
ui-all-ten = All ten fingers
ui-all-ten-and-palms = Ten fingers and the palms
ui-choose-positions = Choose at least one finger or palm.
ui-refingerprint-saved = The new prints are saved; the previous ones are archived (п.14).
ui-refingerprint-due = This person has a temporary physical-defect mark: re-fingerprint at this application (п.10, п.13).
ui-refingerprint-now = Re-fingerprint now

## The training set's simulated applicants
sim-01_normal = Normal
sim-01_normal-help = Ten good fingers.
sim-02_poor_first = Poor first impression
sim-02_poor_first-help = Both index fingers give a poor first impression: recapture.
sim-03_amputated = Amputated finger
sim-03_amputated-help = The left ring finger is amputated: except it (permanent).
sim-04_bandaged = Bandaged hand
sim-04_bandaged-help = The left hand is bandaged: except its fingers (temporary).
sim-05_swapped_hands = Swapped hands
sim-05_swapped_hands-help = The applicant puts the wrong hand: the sequence check must catch it.
sim-06_palms_only = No printable fingers
sim-06_palms_only-help = No finger can be printed: print the palms (п.10).
sim-07_no_prints = No prints at all
sim-07_no_prints-help = Neither fingers nor palms can be printed: record the physical-defect mark (п.10).
sim-08_duplicate_finger = Same finger twice
sim-08_duplicate_finger-help = The applicant puts the index finger again for the middle finger.

ui-step-duplicates = Duplicate check
ui-duplicates-found = These fingers are already enrolled under another identity.
ui-duplicates-explain = The enrolment is stopped. Compare the persons below with the applicant and the applicant's documents. Go back to recapture if the prints were taken wrongly; otherwise a supervisor decides.
ui-duplicates-person = Person enrolled
ui-duplicates-birth = Birth date
ui-duplicates-iin = IIN
ui-duplicates-registered = Registered on
ui-duplicates-fingers = Fingers matching
ui-duplicates-fingers-value = { $matched } of { $compared }
ui-duplicates-supervisor = Only a supervisor can let this enrolment go on (the decision is recorded in the audit log).
ui-duplicates-continue = Supervisor: enrol anyway
cli-error-search-position = Unknown finger position { $value }: use the ISO code 1–10 (1 right thumb … 5 right little, 6 left thumb … 10 left little).
cli-error-search-no-position = { $path }: which finger is it? Write it as POSITION=FILE (ISO code 1–10).
cli-error-bench-search = The registry takes 1 to { $persons } persons, 1 to { $searches } searches, at most { $threads } threads and a shortlist of at least 1.
ui-duplicates-applicant = At the desk: { $name }, born { $birth }
error-medical-conclusion-before-birth = The conclusion cannot be dated before the person's birth.
field-previous-passport-required = Restoring or replacing a passport needs the previous passport's number (п.7.1).
field-citizenship-kazakhstan = A citizen of Kazakhstan is registered in the citizen registry.
field-citizenship-unknown = Choose the state from the list.
cli-error-not-an-object = invalid input: a case is one JSON object with named fields
ui-step-decision = Decision (п.3, п.4)
verification-method-fingers = by fingers
verification-method-palms = by palms
verification-method-documents = by documents
ui-done-refingerprinted = The re-fingerprinting is saved (п.13).
ui-verify-by-documents = The record holds no print to compare: confirm identity by the documents (п.11).
ui-document-seen = Document checked (kind and number)
ui-identity-confirmed = Identity confirmed
field-application-not-received = Fingerprinting cannot start before the signed written application is received.
field-document-expired = The document has expired.
field-passphrase-mismatch = The passphrases differ.
field-password-too-short = At least 8 characters are needed.
stepper-applicant = Applicant
stepper-identity = Identity
stepper-eligibility = Questions
stepper-decision = Decision
stepper-representation = Representative
stepper-consent = Consent
stepper-verification = Verification
stepper-capture = Fingerprints
stepper-duplicates = Duplicates
stepper-personal-data = Personal data
stepper-review = Review
stepper-blocked-duplicates = The fingers are enrolled under another identity: a supervisor decides.
stepper-blocked-not-verified = Identity not verified: a supervisor decides what comes next.
stepper-skip-no-consent-foreigner = no consent needed: foreigner (п.5 is for citizens)
stepper-skip-no-representative = no representative needed
stepper-skip-not-collected = no fingerprints are taken
stepper-skip-not-registered-before = not registered before
stepper-skip-refingerprint = personal data unchanged (re-fingerprinting)
stepper-skip-verified = identity verified
ui-after-failure = What next?
ui-after-failure-another = If this is another person with the same particulars, a supervisor can let him be enrolled afresh (the duplicate check still runs).
ui-after-failure-refingerprint = If the fingers are damaged, a supervisor confirms identity by the documents and the existing record is re-fingerprinted (п.13).
ui-applicant-kind = Who applies
ui-service = Service
ui-cancel-case = Cancel this applicant
ui-cancel-case-confirm = Everything typed and captured for this applicant will be dropped. Nothing is saved.
ui-cancel-case-yes = Yes, cancel
ui-cancel-case-no = No, go on
ui-close-not-verified = Close the case: identity not verified
ui-consent = Consent (п.5)
ui-consent-given = Consented orally
ui-consent-oral = The citizen answers orally. A refusal is recorded in the citizen registry and ends the case.
ui-consent-question = Do you wish to undergo dactyloscopic registration?
ui-consent-question-child = Does the child agree to dactyloscopic registration? (The child's own consent, with the legal representative present)
ui-decision-number = Decision number: { $number }
ui-defect-mark = Physical-defect mark (п.10)
ui-discards-warning = Changing this answer discards: { $what }. They may belong to another person.
ui-discards-confirm = Change and discard
ui-discards-keep = Keep the previous answer
ui-discards-prints = { $count } captured positions
ui-discards-verification = the verification
ui-discards-representative = the representative's details
ui-discards-consent = the consent
ui-discards-personal-data = the personal data
ui-done-registered-number = Registration saved: No. { $number }
ui-done-refingerprinted-number = Record No. { $number } re-fingerprinted
ui-guardian = Guardian (п.9)
ui-legal-representative = Legal representative (п.8)
ui-issued-by = Issued by
ui-lacks-all-verdict = Lacks all fingers or both palms: exempt from registration
ui-lacks-all-detail = This is an exemption by law (п.4.4), not a physical-defect mark. The decision is saved with its ground.
ui-record-exemption = Record the exemption (п.4.4)
ui-look-up = Look up in the registries
ui-mission-code = Mission code
ui-none = none
ui-not-verified-closed = Identity not verified: the case is closed without a registration
ui-photo-present = taken
ui-previous-passport-if-any = If there was one
ui-prints = Prints
ui-prints-count = { $count } positions taken
ui-reciprocity-section = Exemption on the basis of reciprocity (п.4.2)
ui-refingerprint-capture = Re-fingerprinting (п.13): all ten fingers are retaken (and the palms where the record has them); what cannot be printed is excepted with its reason.
ui-refingerprint-reason = Reason
ui-refingerprint-reason-hint = e.g. damaged fingers, temporary mark
ui-review-refingerprint = The biometric part of record No. { $number } is replaced; the previous one is archived (п.14).
ui-save-refingerprint = Save the re-fingerprinting
ui-registered-before = Registered before: { $name }, { $date }, { $registry } ({ $source }) — п.11
ui-source-here = here
ui-source-mark = central system's mark
ui-rep-application-received-on = received on { $date }
ui-rep-application-title = Written application (Annex 1)
ui-rep-authority-document = Document confirming the authority
ui-rep-guardianship-document = Document confirming the guardianship
ui-rep-identity = Identity document
ui-setup-mission = Mission
ui-setup-supervisor = First supervisor
ui-setup-passphrase = Database passphrase
ui-signature-taken = taken
ui-supervisor-another-person = Supervisor: another person, enrol afresh
ui-supervisor-refingerprint = Supervisor: re-fingerprint the record (п.13)
ui-templates-unreadable = { $count } templates of the previous registration cannot be read (audited). They are not compared.
ui-verdict-collect = Fingerprints are collected
ui-verdict-exempt = Exempt from dactyloscopic registration
ui-verdict-not-subject = Not subject to dactyloscopic registration
ui-verdict-verified = Identity verified ({ $method })
ui-verdict-not-verified = Identity not verified ({ $method })
ui-verdict-score-matched = { $position }: { $score } (threshold { $threshold }) — matches
ui-verdict-score-not-matched = { $position }: { $score } (threshold { $threshold }) — does not match
ui-verified-by-documents = Identity confirmed by the documents
ui-verify-by-palms = The record holds palms only: verification is by the palms (п.11).
io-error-not-found = the file does not exist
io-error-permission = no permission to read the file
io-error-not-a-file = this is not a file (a folder or a device)
io-error-disk-full = the disk is full
io-error-read-only = the disk is read-only
io-error-exists = the file already exists
io-error-bad-name = the file name is not allowed
io-error-damaged = the file is damaged or incomplete
io-error-other = the file could not be read
ui-ethnicity-hint = only if the citizen wishes
ui-stateless-no-citizenship = Stateless person: no citizenship is recorded (п.2.1).
ui-previous-passport-facts = Previous passport (п.7.1)
ui-identity-document-facts = Identity document (п.7.2)
ui-choose-state = Choose the state…
ui-filter-states = search by name
ui-choose-file = Choose a file…
ui-photo-place-first = First place the face in the oval: drag the picture or use the sliders.
ui-to-review = On to the review
ui-decided-on = Decided on
ui-history-archived-on = archived on { $date }
ui-history-prints = Prints, set { $set } ({ $date })
ui-history-version = Version { $version } ({ $date })
ui-name-optional = optional: leave it empty to find a person whose name was spelled differently
ui-no = No
ui-verified-short = verified
ui-not-verified-short = not verified
ui-record-number = Record No. { $number }
ui-recorded-at = Recorded at
ui-refusal-recorded = Refused dactyloscopic registration
ui-search-by = Search by
ui-capturing-short = scanning…
ui-next-short = next
duplicates-templates-skipped = { $count } stored finger templates could not be read: the persons they belong to were not searched for duplicates. Tell the supervisor (recorded in the log).
store-error-incomplete = An interrupted `beder db init` left an incomplete database ({ $detail }); nothing was saved in it. Replace it with `beder db init --replace-incomplete`.
store-error-broken-log = The audit log is broken ({ $detail }): nothing was written. Call the supervisor; `beder audit verify` shows what changed.
store-error-checkpoint = The checkpoint cannot be used: { $detail }
file-error-not-a-file = { $path } is not a regular file (a folder, a device or a pipe).
file-error-too-large = { $path } is too large (over { $limit } MB).
cli-error-search-duplicate-position = Finger { $value } is given twice: a probe holds one impression of each finger.
cli-error-search-shortlist = The shortlist must hold at least 1 person.
image-error-truncated = The image file is incomplete (cut short): { $detail }. Scan again or give the whole file.
image-error-over-budget = Opening the image would need too much memory: { $detail }
store-error-no-such-folder = The folder { $detail } does not exist: nothing was written.
scanner-error-write = The file cannot be written: { $detail }
cli-error-out-not-folder = { $path } is a file, not a folder: the persons are written into a folder.
ui-log-broken = The audit log is broken ({ $detail }). The desk goes on, and this warning was recorded in the log. Call the supervisor.
ui-verify-cannot-print = Cannot be printed (bandaged, wounded)
nist-error = The ANSI/NIST-ITL transaction cannot be read: { $detail }
wsq-error = The WSQ image cannot be read: { $detail }
extract-error-detector = The minutiae detector failed on this image: { $detail }. Scan again.
nist-error-bitrate = A WSQ bit rate of { $bitrate } is outside 0.1 to 8.
nist-error-no-mission-code = The mission has no code (it is entered when the mission is first set up), so the transaction's originating agency (ORI) cannot be named.
nist-error-export = The registration cannot be written as a transaction: { $detail }
training-error-persons = Between 1 and { $max } persons can be seeded into the training registry.
training-error-no-demo = The training database has no demo officer, in whose name the registrations are made.
ui-admin-outbox = Waiting for the registries (outbox)
ui-outbox-queued = Queued
ui-outbox-exported = Sent, not answered
ui-outbox-acknowledged = Accepted
ui-outbox-rejected = Rejected
ui-outbox-oldest = Oldest item not answered
ui-outbox-last-export = Last export
ui-outbox-last-answer = Last answer from a registry
ui-outbox-when = { $at } ({ $days } days ago)
ui-outbox-never = —
ui-setting-outbox-warn = Outbox warning, days (1–90)
ui-outbox-overdue = An item for the registries has waited { $days } days without an answer. A supervisor should check the transfer.
transfer-error-package = The package cannot be opened: { $detail }
transfer-error-no-central-key = No key of the central system is configured: set it with `beder transfer set-central-key FILE`.
transfer-error-export = The package cannot be made: { $detail }. Nothing was marked as exported.
transfer-error-ack = The central system's file was refused: { $detail }. Nothing was changed.
ui-outbox-rejections = Rejected by a registry — to be corrected:
ui-outbox-rejections-help = Open the record by its number in Records and correct it (п.12) or re-fingerprint it (п.13): the change goes to the registry again.
ui-outbox-kind-registration = registration
ui-outbox-kind-correction = correction
ui-outbox-kind-refingerprinting = re-fingerprinting
ui-outbox-kind-refusal = refusal
ui-outbox-kind-non_collection = decision not to collect
ui-outbox-kind-verification = verification
ui-outbox-rejected-banner = The registries rejected { $count ->
        [one] one item
       *[other] { $count } items
    }: the reasons are on the supervisor's screen; they need correcting.
records-image-purged = Image purged, template kept
records-images-purged = The print, palm and photo images were delivered to the registry and purged on { $date } (retention). The ISO templates are kept for п.11 verification.
records-photo-purged = The photo was delivered to the registry and purged here: the registry keeps it. Take a new one only if it has changed.
ui-transfer-export = Transfer to the registries: export to removable media
ui-transfer-folder = Folder on the medium
ui-transfer-again = Also those exported before and never answered (same TCNs)
ui-transfer-export-button = Export
ui-transfer-progress = { $done } of { $total } transactions
ui-transfer-nothing = Nothing to send.
ui-transfer-written = Package written: { $path } ({ $items ->
        [one] one transaction
       *[other] { $items } transactions
    })
ui-path-required = Type the path first.
ui-backup = Backup
ui-backup-file = Backup file (on the medium)
ui-backup-button = Make a backup
ui-backup-done = Backup written: { $path } (with its .key and .checkpoint beside it). Keep all three together.
ui-backup-restore = To restore: close the kiosk; copy the backup and its .key file into { $dir } as { $db } and { $key }; run `beder db check`. The backup opens with the passphrase in force when it was made.
ui-retention = Retention of images
ui-retention-due = Due for purge: the images of { $registrations } registrations the registry acknowledged more than { $days } days ago ({ $prints } prints, { $photos } photos). The purge also runs at every sign-in; templates are kept.
ui-retention-purge = Purge now
ui-retention-purged = Purged the images of { $registrations } registrations ({ $prints } prints, { $photos } photos).
ui-setting-retention = Image retention, days (1–3650)
scanner-error-protocol = The scanner service's answer cannot be used: { $detail }. Capture again; if it happens again, tell the supervisor.
scanner-error-untrusted = This scanner cannot be trusted: { $detail }. Connect a registered scanner.
scanner-error-sbi = The scanner reported an error: { $detail }. Try again.
ui-scanner-certificate = SBI, signing certificate: { $subject }
ui-training-banner-device = TRAINING — training database and a training device (SBI); nothing here reaches the live registries
ui-setting-developer-devices = Allow unregistered (developer) SBI devices in training mode
ui-setting-developer-devices-help = A live desk never takes such a device: only one whose signature checks and whose purpose is Registration.
ui-take-photo = Take with the camera
ui-taking-photo = The camera is taking the photo…
ui-camera-device = Camera: { $device }
document-page = page { $page } of { $pages }
document-error-pdf = The document could not be made: { $detail }
receipt-title = Receipt of dactyloscopic registration
receipt-number = Registration number
receipt-date = Date
receipt-registry = Registry
receipt-person = Surname, name, patronymic
receipt-birth-date = Date of birth
receipt-ground = Ground
receipt-collected = Collected
receipt-collected-line = fingers: { $fingers }, palms: { $palms }
receipt-exceptions = Fingers not taken (reason)
receipt-force-captured = Accepted below the quality threshold
receipt-defect-mark = Physical-defect mark (п.10)
receipt-defect-temporary = Temporary: re-fingerprint at the next application
receipt-defect-permanent = Permanent
receipt-defect-fingers-and-palms = Neither fingers nor palms can be printed
receipt-none = none
receipt-representative = Legal representative or guardian
receipt-officer = Authorized officer
receipt-decision-number = Decision number
receipt-decision = Decision
receipt-decision-exempt = Exempt from dactyloscopic registration
receipt-decision-not-subject = Not subject to dactyloscopic registration
receipt-grounds = Grounds
receipt-note = This receipt is not an identity document.
receipt-officer-signature = Signature of the authorized officer
day-report-title = End-of-day report
day-report-registrations = Registrations
day-report-refusals = Refusals (п.5)
day-report-exempt = Exempt (п.4)
day-report-not-subject = Not subject (п.3)
day-report-verifications = Identity verifications (п.11)
day-report-needs-review = Cases needing the supervisor's review
day-report-reviewed = Reviewed
day-report-cases = The day's cases
day-report-col-number = Number
day-report-col-time = Time (UTC)
day-report-col-attention = Needs attention for
day-report-col-officer = Officer
day-report-col-review = Review
day-report-no-cases = No cases today.
day-report-reviewed-by = reviewed by { $name }
day-report-not-reviewed = not reviewed
day-report-signature = Supervisor: { $name }
attention-force-captured = accepted below the threshold
attention-defect-mark = defect mark (п.10)
attention-duplicate-overridden = duplicate alarm overridden
attention-identity-by-documents = identity confirmed by documents
attention-verification-overridden = failed verification overridden
admin-tab-day = End of day
admin-tab-statistics = Statistics
admin-tab-audit = Audit log
admin-tab-accounts = Accounts
admin-tab-mission = Mission
admin-tab-transfer = Transfer
admin-tab-settings = Settings
audit-action = Action
audit-any = any
audit-bad-record = A record number looks like C-000001 or F-000001: { $detail }
audit-chain-intact = The log's chain is intact: { $entries } entries verified.
audit-chain-broken = The log's chain is broken at entry { $entry }.
audit-col-id = No.
audit-col-at = Time (UTC)
audit-col-officer = Officer
audit-col-action = Action
audit-col-record = Record
audit-csv-file = CSV file
audit-export-csv = Export as CSV
audit-exported = The log was exported: { $path }
audit-officer = Officer
audit-record = Record
audit-shown = Entries shown: { $count }
day-mark-reviewed = Mark reviewed
day-pick = Day
day-print-report = Print the end-of-day report
day-review-progress = Reviewed: { $reviewed } of { $needing }
day-summary = Registrations: { $registrations }, refusals: { $refusals }, decisions: { $decisions }, verifications: { $verifications }
document-printed = The document was sent to the printer.
document-saved = No printer: the document was saved: { $path }
mission-name = Mission's name
mission-country = Country
mission-city = City
mission-code = Mission code
mission-documents-language = Documents' language
mission-details-help = These details are printed on the application, the receipt and the end-of-day report, and written into the packages for the registries.
mission-save = Save
mission-saved = The mission's details were saved.
stats-today = Today
stats-7-days = 7 days
stats-30-days = 30 days
stats-90-days = 90 days
stats-365-days = A year
stats-bad-period = Give the period as DD.MM.YYYY (the start not after the end).
stats-from = from
stats-to = to
stats-show = Show
stats-per = Per:
stats-day = day
stats-week = week
stats-month = month
stats-by = By:
stats-by-registry = registry
stats-by-officer = officer
stats-registrations = Registrations
stats-refusals = Refusals
stats-exempt = Exempt
stats-not-subject = Not subject
stats-registrations-plot = Registrations
stats-decisions-plot = Refusals and decisions
stats-quality-plot = Quality of accepted impressions
stats-quality-axis = quality, 0–100
stats-checks = Verifications and the duplicate check
stats-verification-method = Verification (п.11): { $method }
stats-verified-counts = verified { $yes }, not verified { $no }
stats-duplicate-searches = Duplicate searches
stats-duplicate-alarms = Duplicate alarms
stats-duplicate-overrides = Alarms overridden by a supervisor
stats-verification-overrides = Failed verifications overridden
stats-outbox-queued = Waiting to be sent
stats-outbox-exported = Sent, unanswered
stats-outbox-rejected = Rejected by the registry
stats-officer-rates = Rates per officer
stats-officer = Officer
stats-rate-exceptions = With fingers excepted
stats-rate-force = With force-captures
stats-rate-palms = With palms
stats-rate-defect = With a defect mark
ui-account-failed = Failed sign-ins: { $count }
ui-account-locked = Locked until { $until }
ui-account-last-sign-in = Last sign-in: { $at }
ui-account-unlocked = The account was unlocked.
ui-unlock-account = Unlock
ui-rep-print-application = Print the application (Annex 1)
ui-rep-print-first = Print the application first: the representative signs it, then tick it received.
ui-rep-printed-form = Form printed: { $version }
ui-print-receipt = Print the receipt
audit-act-database-created = Database created
audit-act-login-succeeded = Signed in
audit-act-login-failed = Sign-in failed
audit-act-login-locked = Account locked
audit-act-logout = Signed out
audit-act-officer-created = Officer added
audit-act-officer-deactivated = Officer deactivated
audit-act-officer-password-reset = Password reset
audit-act-record-created = Record created
audit-act-record-read = Record opened
audit-act-record-updated = Record corrected
audit-act-record-archived = Record archived
audit-act-record-exported = Record exported
audit-act-record-deleted = Record deleted
audit-act-refusal-recorded = Refusal recorded
audit-act-non-collection-recorded = Decision not to collect recorded
audit-act-verification-recorded = Verification recorded
audit-act-marks-imported = Marks imported
audit-act-backup-made = Backup made
audit-act-settings-changed = Settings changed
audit-act-duplicate-search = Duplicate check
audit-act-duplicate-overridden = Duplicate alarm overridden
audit-act-mark-verification-recorded = Mark verification recorded
audit-act-templates-unreadable = Templates unreadable
audit-act-verification-overridden = Failed verification overridden
audit-act-incomplete-database-replaced = Incomplete database replaced
audit-act-registration-sealed = Registration sealed
audit-act-decision-sealed = Decision sealed
audit-act-refusal-sealed = Refusal sealed
audit-act-broken-chain-warned = Broken chain warned
audit-act-templates-skipped = Templates skipped
audit-act-acknowledgment-read = Acknowledgment read
audit-act-images-purged = Images purged
audit-act-duplicate-alarm = Duplicate alarm
audit-act-case-reviewed = Case reviewed
audit-act-officer-unlocked = Officer unlocked
audit-act-audit-exported = Audit log exported
audit-act-document-printed = Document printed
ui-deactivate-confirm = Deactivate the account { $login }? The officer can no longer sign in; his records stay.
records-birth-date-needed = Type the birth date: the search by name needs it.
