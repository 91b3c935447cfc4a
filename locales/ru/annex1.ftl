# Письменное заявление законного представителя (п.8) или опекуна (п.9) по
# форме приложения 1 к Правилам регистрации. Формулировку министерства
# вставляют в этот файл; печатаемая версия — его дайджест.
annex1-footer-title = Заявление (приложение 1 к Правилам регистрации)
annex1-annex-line = Приложение 1 к Правилам сбора и обработки дактилоскопической информации
annex1-addressee = Руководителю консульского отдела: { $mission }
annex1-from = от { $representative }
annex1-title = ЗАЯВЛЕНИЕ
annex1-body-legal-representative = Я, { $representative }, законный представитель { $person }, { $birth } года рождения, прошу провести дактилоскопическую регистрацию { $person } при оформлении паспорта в моём присутствии и с согласия самого ребёнка (п.8).
annex1-body-guardian = Я, { $representative }, опекун { $person }, { $birth } года рождения, признанного судом недееспособным, прошу провести дактилоскопическую регистрацию { $person } в моём присутствии (п.9).
annex1-section-applicant = Заявитель
annex1-section-child = Регистрируемый ребёнок
annex1-section-ward = Регистрируемый подопечный
annex1-name = Фамилия, имя, отчество
annex1-capacity = В качестве
annex1-capacity-legal-representative = законного представителя (п.8)
annex1-capacity-guardian = опекуна (п.9)
annex1-identity-document = Документ, удостоверяющий личность
annex1-identity-expiry = Действителен до
annex1-document-line = № { $number }, выдан { $issued }, { $authority }
annex1-authority-document = Документ, подтверждающий полномочия
annex1-guardianship-document = Документ, подтверждающий опекунство
annex1-authority-line = { $title }, № { $number }, выдан { $issued }, { $authority }
annex1-birth-date = Дата рождения
annex1-presence-legal-representative = Документ, удостоверяющий мою личность, и документ, подтверждающий мои полномочия, предъявлены; при регистрации присутствую.
annex1-presence-guardian = Документ, удостоверяющий мою личность, и документ, подтверждающий опекунство, предъявлены; при регистрации присутствую.
annex1-mission = Загранучреждение
annex1-date = Дата
annex1-signature = Подпись заявителя ({ $representative })
annex1-received-by = Принял уполномоченный сотрудник (ФИО, подпись)
annex1-version-note = Форма { $version }
