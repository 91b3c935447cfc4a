# The written application of a legal representative (п.8) or a guardian
# (п.9) in the form of Annex 1 to the Registration Rules. The ministry's own
# wording replaces this file; the version printed is its digest.
annex1-footer-title = Application (Annex 1 to the Registration Rules)
annex1-annex-line = Annex 1 to the Rules for the collection and processing of dactyloscopic information
annex1-addressee = To the head of the consular section: { $mission }
annex1-from = from { $representative }
annex1-title = APPLICATION
annex1-body-legal-representative = I, { $representative }, the legal representative of { $person }, born { $birth }, request the dactyloscopic registration of { $person } on the application for a passport, in my presence and with the child's own consent (п.8).
annex1-body-guardian = I, { $representative }, the guardian of { $person }, born { $birth }, declared legally incapable by a court, request the dactyloscopic registration of { $person } in my presence (п.9).
annex1-section-applicant = The applicant
annex1-section-child = The child to be registered
annex1-section-ward = The ward to be registered
annex1-name = Surname, name, patronymic
annex1-capacity = Capacity
annex1-capacity-legal-representative = Legal representative (п.8)
annex1-capacity-guardian = Guardian (п.9)
annex1-identity-document = Identity document
annex1-identity-expiry = Valid until
annex1-document-line = No. { $number }, issued { $issued } by { $authority }
annex1-authority-document = Document confirming the authority
annex1-guardianship-document = Document confirming the guardianship
annex1-authority-line = { $title }, No. { $number }, issued { $issued } by { $authority }
annex1-birth-date = Date of birth
annex1-presence-legal-representative = I have shown my identity document and the document confirming my authority; I am present at the registration.
annex1-presence-guardian = I have shown my identity document and the document confirming the guardianship; I am present at the registration.
annex1-mission = Mission
annex1-date = Date
annex1-signature = Signature of the applicant ({ $representative })
annex1-received-by = Received by the authorized officer (name, signature)
annex1-version-note = Form { $version }
