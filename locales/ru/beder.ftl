## Beder — русский. Каждый идентификатор есть и в kk, и в en (это проверяет тест).

app-name = Бедер
app-tagline = Сбор дактилоскопической информации в загранучреждении по Правилам МИД

## Право на сбор (п.3, п.4)

decision-collect = Дактилоскопическая информация собирается. Возраст: { $age }.
decision-exempt = Освобождается от дактилоскопической регистрации: отпечатки не снимаются; зафиксируйте освобождение и его основание. Возраст: { $age }.
decision-not-subject = Загранучреждение не собирает дактилоскопическую информацию у этого лица: отпечатки не снимаются. Возраст: { $age }.

ground-citizen-passport = Гражданин обратился за { $service ->
        [first_issue] первичным получением
        [restoration] восстановлением
       *[replacement] заменой
    } паспорта (п.3.1).
ground-citizen-other-passport-service = п.3.1 охватывает только первичное получение, восстановление или замену паспорта; эта услуга к ним не относится.
ground-visa-applicant = Иностранец или лицо без гражданства, достигшее шестнадцати лет, обратилось в загранучреждение за визой (п.3.2).
ground-visa-applicant-under-16 = Заявителю нет шестнадцати лет: п.3.2 охватывает только иностранцев и лиц без гражданства, достигших шестнадцати лет.
ground-electronic-visa = Виза, выдаваемая в электронном формате без посещения загранучреждения, исключена п.3.2.
ground-under-12 = Дети, не достигшие двенадцати лет, освобождаются (п.4.1).
ground-reciprocity = Освобождается на основе принципа взаимности (п.4.2): { $category ->
        [head_of_state_government_or_organisation] глава иностранного государства, правительства или международной организации либо член его семьи
        [member_of_parliament_government_or_organisation] член парламента, правительства или международной организации либо член его семьи, владелец дипломатического паспорта
        [official_delegation] член официальной делегации или сопровождающее лицо, владелец дипломатического паспорта
        [honorary_consul] почётный консул Республики Казахстан либо член его семьи
        [agent_on_official_business] владелец дипломатического паспорта или паспорта международной организации, следующий по служебным делам
        [diplomatic_courier] дипломатический курьер с дипломатическим паспортом и курьерским листом
       *[invited_by_state_body] лицо, следующее по приглашению государственного органа, названного в п.4.2
    }.
ground-medical-conclusion = Заключение врачебно-консультационной комиссии № { $number } от { $date } (п.4.3).
ground-lacks-fingers-or-palms = У лица отсутствуют все пальцы или ладони обеих рук (п.4.4).

note-reciprocity-refused = Заявленное освобождение на основе взаимности (п.4.2) не применяется: { $reason ->
        [not_visa_applicant] оно касается только лиц, обращающихся за визой.
        [no_reciprocity] государство заявителя не обеспечивает Казахстану равные условия.
       *[condition_not_met] { $category ->
            [member_of_parliament_government_or_organisation] требуется дипломатический паспорт.
            [official_delegation] требуется дипломатический паспорт.
            [agent_on_official_business] оно распространяется только на самого следующего по служебным делам, с дипломатическим паспортом или паспортом международной организации.
            [diplomatic_courier] оно распространяется только на самого курьера, с дипломатическим паспортом и курьерским листом.
            [invited_by_state_body] оно распространяется только на самого приглашённого.
           *[other] его условие не выполнено.
        }
    }

## До снятия отпечатков (п.5, п.8, п.9, п.11)

requires-consent = { $by ->
        [child] Спросите у ребёнка его собственное устное согласие в присутствии законного представителя (п.5, п.8).
        [guardian] Согласие выражается через опекуна и фиксируется как таковое (п.5, п.9).
       *[applicant] Спросите заявителя, желает ли он (она) пройти дактилоскопическую регистрацию, и зафиксируйте устный ответ (п.5).
    }
requires-legal-representative = Законный представитель должен присутствовать с документом, удостоверяющим личность, и документом, подтверждающим полномочия (п.8).
requires-guardian = Опекун должен присутствовать с документом, удостоверяющим личность, и документом, подтверждающим опекунство (п.9).
requires-written-application = Требуется письменное заявление по форме приложения 1 к Правилам регистрации (п.8, п.9).
requires-verification = Лицо ранее зарегистрировано: вместо новой регистрации проведите верификацию личности по сохранённым отпечаткам (п.11).

## План дактилоскопирования (п.10)

plan-fingers = Дактилоскопируйте пальцы; исключено: { $excepted } (п.10).
plan-palms = Пальцы дактилоскопировать невозможно: снимите отпечатки ладоней и зафиксируйте { $permanence ->
        [permanent] постоянную
       *[temporary] временную
    } отметку о физических недостатках (п.10).
plan-no-prints = Ни пальцы, ни ладони дактилоскопировать невозможно: дактилоскопирование не проводится; зафиксируйте { $permanence ->
        [permanent] постоянную
       *[temporary] временную
    } отметку о физических недостатках (п.10).

## Пальцы и исключения

finger-right-thumb = Большой правой руки
finger-right-index = Указательный правой руки
finger-right-middle = Средний правой руки
finger-right-ring = Безымянный правой руки
finger-right-little = Мизинец правой руки
finger-left-thumb = Большой левой руки
finger-left-index = Указательный левой руки
finger-left-middle = Средний левой руки
finger-left-ring = Безымянный левой руки
finger-left-little = Мизинец левой руки
exception-amputated = Ампутирован
exception-no-papillary-pattern = Нет папиллярного узора
exception-injured = Травмирован
exception-bandaged = Забинтован
exception-unprintable = Не отпечатывается сейчас

## Недопустимые случаи

error-born-after-application = Дата рождения позже даты обращения.
error-citizen-needs-passport-service = Гражданин обращается за паспортной услугой (первичное получение, восстановление, замена или иная), а не за визой.
error-foreigner-needs-visa = Иностранец или лицо без гражданства обращается за визой, а не за паспортной услугой.
error-medical-conclusion-number = Укажите номер заключения врачебно-консультационной комиссии.
error-medical-conclusion-date = Заключение не может быть датировано позже даты обращения.

## ИИН

iin-error-length = ИИН состоит ровно из 12 цифр.
iin-error-not-digits = ИИН содержит только цифры.
iin-error-century = 7-я цифра ИИН (век и пол) должна быть от 1 до 6.
iin-error-birth-date = Цифры 1–6 ИИН не образуют дату (ГГММДД).
iin-error-check-digit = Неверная контрольная цифра ИИН: проверьте, нет ли опечатки.
iin-error-no-check-digit = Не существует действительного ИИН с такими первыми 11 цифрами.

## Командная строка

cli-error-field = неверные данные в `{ $field }`: { $detail }
cli-error-input = неверные данные: { $detail }
cli-error-read-stdin = не удаётся прочитать стандартный ввод: { $detail }
cli-error-date = `{ $field }`: «{ $value }» — не дата в виде ГГГГ-ММ-ДД

## Хранилище

store-error-missing-directory = Каталог данных { $detail } не существует.
store-error-not-initialized = Здесь нет базы данных ({ $detail }). Создайте её командой `beder db init`.
store-error-already-exists = База данных уже существует: { $detail }; ничего не изменено.
store-error-key-file-missing = Нет файла ключа { $detail }: без него базу данных не открыть. Восстановите его из резервной копии.
store-error-key-file = Файл ключа непригоден: { $detail }
store-error-wrong-passphrase = Неверная парольная фраза. База данных не изменена.
store-error-empty-passphrase = Парольная фраза не может быть пустой.
store-error-corrupt = База данных повреждена ({ $detail }). Ничего не записано; восстановите последнюю резервную копию.
store-error-newer-schema = База данных создана более новой версией Бедер (схема { $detail }). Обновите Бедер; база данных не изменена.
store-error-read-only = В базу данных нельзя записать: диск или файл только для чтения ({ $detail }). Ничего не потеряно.
store-error-disk-full = Диск заполнен. Сохранённое не потеряно; освободите место и повторите.
store-error-busy = База данных занята другой программой. Повторите попытку.
store-error-mode-mismatch = Эта база данных принадлежит другому режиму ({ $detail }): рабочие и учебные данные никогда не смешиваются.
store-error-not-found = Такой записи нет.
store-error-invalid = Данные нельзя сохранить: { $detail }
store-error-io = Ошибка файла: { $detail }
store-error-sqlite = Ошибка базы данных: { $detail }
auth-error-wrong-credentials = Неверный логин или пароль.
auth-error-locked = Слишком много неудачных попыток: учётная запись заблокирована на 5 минут.
auth-error-deactivated = Учётная запись отключена. Обратитесь к руководителю консульского отдела.
cli-error-no-data-dir = Нет каталога данных: укажите его через --data-dir.
cli-error-no-passphrase = Нет парольной фразы: укажите --passphrase-file ФАЙЛ или задайте BEDER_PASSPHRASE.
cli-error-passphrase-file = Файл парольной фразы { $path } не читается: { $detail }

## Сканер и изображения

scanner-error-not-connected = Сканер не подключён. Проверьте кабель и нажмите «Переподключить».
scanner-error-busy = Сканер занят другим снятием.
scanner-error-timeout = Палец не был приложен вовремя. Повторите.
scanner-error-no-finger = Сканер не обнаружил палец.
scanner-error-wrong-finger-count = Сканер увидел меньше пальцев, чем ожидалось. Приложите все пальцы или отметьте исключение для отсутствующих.
scanner-error-device-fault = Сканер сообщил о неисправности: { $detail }
scanner-error-cancelled = Снятие отменено.
scanner-error-unsupported = Сканер не может выполнить такое снятие: { $detail }
image-error-unreadable = Файл изображения не читается: { $detail }
image-error-not-an-image = Файл не является изображением (PNG, TIFF, BMP, JPEG или WSQ): { $detail }
image-error-empty = Изображение пустое: { $detail }
image-error-too-large = Изображение слишком большое: { $detail }
image-error-bit-depth = Изображение не 8-битное полутоновое: { $detail }
image-error-damaged = Данные изображения повреждены: { $detail }
cli-error-impressions = Число оттисков должно быть от 1 до 20, а не { $value }.

## Биометрия

extract-error-too-small = Изображение слишком мало для выделения минуций: { $detail }
extract-error-too-large = Изображение слишком велико для выделения минуций: { $detail }
iso-error = Недопустимый шаблон ISO/IEC 19794-2: { $detail }
eval-error = Оценку невозможно выполнить: { $detail }
cli-error-ppi = Разрешение должно быть от 250 до 2000 ppi, а не { $value }.
cli-error-matcher = Неизвестный алгоритм сравнения { $value } (известны: mcc, bozorth3, prefilter).

## Ход приёма

flow-error-wrong-step = На этом шаге так сделать нельзя.
flow-error-fields = Некоторые поля нужно исправить.
flow-error-representation = Документы представителя неполны: продолжить нельзя, пока они не внесены (п.8, п.9).
error-service-mismatch = Гражданин обращается за паспортом; иностранец или лицо без гражданства — за визой.
field-required = Обязательное поле.
field-bad-date = Это не дата: введите в виде ДД.ММ.ГГГГ.
field-iin-citizens-only = ИИН вносится только для граждан (п.7).
field-iin-disagrees = ИИН не согласуется с датой рождения или полом.

## Kiosk screens

ui-training-banner = УЧЕБНЫЙ РЕЖИМ — учебная база и имитатор сканера; отсюда ничего не попадает в рабочие реестры
ui-sign-out = Выйти
ui-theme-light = Светлая тема
ui-theme-dark = Тёмная тема
ui-unlock-title = Открыть базу данных
ui-passphrase = Парольная фраза базы
ui-unlock = Открыть
ui-setup-title = Первый запуск: загранучреждение, первый руководитель, парольная фраза
ui-mission = Загранучреждение
ui-country = Страна
ui-city = Город
ui-surname = Фамилия
ui-name = Имя
ui-login = Логин
ui-password = Пароль
ui-passphrase-again = Фраза ещё раз
ui-create = Создать
ui-passphrase-mismatch = Фразы не совпадают или короче 8 символов.
ui-sign-in-title = Вход
ui-sign-in = Войти
ui-locked-title = Экран заблокирован: введите пароль
ui-step-applicant = Заявитель и услуга
ui-step-identity = Личность и поиск в реестрах
ui-step-eligibility = Вопросы для решения (п.3, п.4)
ui-step-representation = Законный представитель или опекун (п.8, п.9)
ui-step-consent = Согласие (п.5)
ui-step-capture = Дактилоскопирование (п.6, п.10)
ui-step-confirmation = Решение без дактилоскопирования
ui-step-done = Готово
ui-outcome-collect = Собирать
ui-outcome-exempt = Освобождён
ui-outcome-not-subject = Не подлежит
ui-previous-registration = Ранее зарегистрирован:
ui-save-decision = Сохранить решение
ui-next-applicant = Следующий заявитель
ui-done-refusal = Отказ внесён в реестр граждан.
ui-done-not-collected = Решение внесено с основаниями.
ui-back = Назад
ui-citizen = Гражданин
ui-foreigner = Иностранец
ui-stateless = Лицо без гражданства
ui-service-first-issue = Паспорт: первичное получение
ui-service-restoration = Паспорт: восстановление
ui-service-replacement = Паспорт: замена
ui-service-other = Паспорт: иная услуга
ui-service-visa = Виза в загранучреждении
ui-service-e-visa = Электронная виза без посещения
ui-next = Далее
ui-patronymic = Отчество (при наличии)
ui-birth-date = Дата рождения
ui-sex = Пол
ui-male = Мужской
ui-female = Женский
ui-iin = ИИН (при наличии)
ui-previous-passport = Номер прежнего паспорта
ui-identity-document = Номер документа, удостоверяющего личность
ui-declared-incapable = Признан судом недееспособным
ui-lacks-fingers = Отсутствуют все пальцы или ладони обеих рук (п.4.4)
ui-medical-conclusion = Заключение врачебно-консультационной комиссии (п.4.3)
ui-medical-number = Номер заключения
ui-medical-date = Дата заключения
ui-reciprocity = Со страной заявителя соблюдается взаимность (п.4.2)
ui-category = Категория:
ui-category-none = Нет
ui-family-member = Член семьи или сопровождающее лицо
ui-passport-kind = Паспорт:
ui-passport-ordinary = Обычный
ui-passport-diplomatic = Дипломатический
ui-passport-service = Служебный
ui-passport-international = Международной организации
ui-courier-sheet = Имеет курьерский лист
ui-decide = Решить
ui-rep-identity-number = Номер документа, удостоверяющего личность
ui-rep-authority-title = Документ, подтверждающий полномочия
ui-rep-authority-number = Его номер
ui-rep-application = Письменное заявление (приложение 1) получено
ui-consents = Согласен
ui-refuses = Отказывается
ui-demo-login = Учебный режим: войдите как { $login } с паролем { $password }.
ui-category-name = { $category ->
        [head_of_state_government_or_organisation] Глава государства, правительства или организации
        [member_of_parliament_government_or_organisation] Член парламента, правительства или организации
        [official_delegation] Официальная делегация
        [honorary_consul] Почётный консул
        [agent_on_official_business] По служебным делам
        [diplomatic_courier] Дипломатический курьер
       *[invited_by_state_body] По приглашению госоргана
    }

## Дактилоскопирование (п.10) и верификация (п.11)
ui-step-verification = Верификация личности (п.11)
ui-step-personal-data = Персональные данные (п.7)
ui-step-review = Проверка и сохранение
ui-scanner = Сканер
ui-no-scanner = Сканер не подключён.
ui-device-ready = Готов
ui-device-busy = Идёт съёмка
ui-device-not-ready = Не готов
ui-device-disconnected = Отключён
ui-reconnect = Переподключить
ui-simulated-person = Учебный заявитель:
ui-capture = Сканировать
ui-capturing = Идёт съёмка… сотрудник может отменить.
ui-cancel = Отмена
ui-continue = Продолжить
ui-right-hand = Правая рука
ui-left-hand = Левая рука
ui-palms = Ладони (п.10)
ui-quality = Качество { $score }
ui-quality-policy = Порог качества { $threshold }, не более { $attempts } попыток на палец.
ui-attempts = Попыток: { $count }
ui-exception = исключение…
ui-recapture = переснять
ui-exception-for = Почему нельзя откатать: { $position }?
ui-no-exception = Без исключения
ui-force-capture-ask = { $position }: попытки исчерпаны ниже порога. Принять лучший отпечаток принудительно, причина:
ui-mark-temporary = Отметка о физических недостатках, временная: повторное дактилоскопирование при следующем обращении (п.10).
ui-mark-permanent = Отметка о физических недостатках, постоянная (п.10).
capture-request-finger = Далее: { $finger }
capture-request-right-four = Далее: четыре пальца правой руки
capture-request-left-four = Далее: четыре пальца левой руки
capture-request-thumbs = Далее: оба больших пальца
capture-request-palm = Далее: ладонь
capture-status-to-do = Ожидает
capture-status-recapture = Переснять: низкое качество
capture-status-sequence = Переснять: проверка последовательности
capture-status-awaiting-force = Попытки исчерпаны
capture-status-accepted = Принят
capture-status-force-captured = Принят принудительно
capture-error-wrong-fingers = Сканер вернул { $found } из { $expected } пальцев. Отметьте исключение для отсутствующего пальца или снимите снова.
capture-error-not-expected = Эта съёмка не входит в план.
capture-error-same-finger = Один и тот же палец приложен дважды ({ $fingers }): переснимите эти позиции.
capture-error-hands-swapped = Руки перепутаны ({ $fingers }): переснимите обе руки.
force-worn-ridges = Стёртые папиллярные линии
force-skin-condition = Сухая или влажная кожа
force-scarred = Шрамы или складки
force-cannot-hold-still = Не может удерживать палец
palm-right-full = Правая ладонь
palm-left-full = Левая ладонь
palm-right-writers = Ребро правой ладони
palm-left-writers = Ребро левой ладони
ui-verification-round = Раунд верификации { $round } из { $rounds }: снимите эти пальцы.
ui-verification-fused = Итоговый балл { $score } (порог { $threshold })
ui-verified = Личность подтверждена (п.11).
ui-not-verified = Личность не подтверждена после допустимых попыток (п.11).
ui-supervisor-needed = Для продолжения нужен вход руководителя (заявитель затем дактилоскопируется полностью).
ui-supervisor-login = Логин руководителя
ui-supervisor-password = Пароль руководителя
ui-supervisor-continue = Руководитель: продолжить
ui-done-registered = Регистрация сохранена.
ui-done-verified = Верификация записана.
flow-error-capture-incomplete = Дактилоскопирование не завершено: каждый палец должен быть принят, принят принудительно или исключён.
flow-error-verification-unfinished = Верификация не завершена.
flow-error-supervisor-required = Продолжить может только руководитель.

## Персональные данные (п.7)
ui-birth-place = Место рождения
ui-ethnicity = Национальность
ui-citizenship = Гражданство
ui-issue-date = Дата выдачи
ui-expiry-date = Срок действия
ui-issuing-authority = Орган выдачи
ui-no-previous-passport = Первичная выдача: прежнего паспорта нет.
ui-photo = Фотография
ui-photo-file = Файл фото (JPEG или PNG)
ui-import-photo = Загрузить фото
ui-photo-crop-help = Перетащите снимок или двигайте ползунки, чтобы лицо заполнило жёлтый овал.
ui-photo-zoom = Высота кадра
ui-photo-horizontal = Влево – вправо
ui-photo-vertical = Вверх – вниз
ui-photo-guide = Овал занимает 75 % площади фото: лицо должно его заполнить (п.7).
ui-photo-use = Взять этот кадр
ui-photo-background = Светлота фона { $lightness } (нужен светлый)
ui-photo-resolution = Кадр { $width }×{ $height } пикс. (не меньше { $min_width }×{ $min_height })
ui-photo-taken = Фото принято ({ $width }×{ $height }).
ui-signature = Подпись
ui-unable-to-sign = Не может расписаться (малолетний ребёнок, недуг)
ui-signature-clear = Очистить
ui-signature-file = или файл подписи
ui-import-signature = Загрузить подпись
ui-full-name = ФИО
ui-registered-on = Дата регистрации
ui-basis = Основание регистрации
ui-yes = Да
ui-save-registration = Сохранить регистрацию
field-photo-required = Нужна фотография.
field-signature-required = Нужна подпись (или отметьте «не может расписаться»).
field-date-future = Эта дата в будущем.
field-expiry-before-issue = Срок действия должен быть позже даты выдачи.
field-out-of-range = Вне допустимого диапазона.
photo-error-too-large = Файл { $detail } МБ; допускается не более { $max } МБ.
photo-error-not-image = Этот файл не изображение.
photo-error-format = Принимаются только JPEG и PNG.
photo-error-damaged = Изображение не читается: { $detail }
photo-error-too-small = Изображение слишком маленькое: { $detail }
photo-error-unreadable = Файл не читается: { $detail }
photo-error-checks = Кадр не проходит проверку (фон или разрешение): поправьте его или сделайте другое фото.

## Руководитель
ui-admin = Руководитель
ui-admin-title = Рабочее место руководителя
ui-back-to-desk = К приёму
ui-admin-settings = Настройки загранучреждения
ui-setting-quality = Порог качества (10–90)
ui-setting-attempts = Попыток на палец (1–10)
ui-setting-idle = Блокировка при бездействии, минут (1–60)
ui-save-settings = Сохранить настройки
ui-settings-saved = Настройки сохранены.
ui-admin-accounts = Учётные записи сотрудников
ui-role-supervisor = Руководитель
ui-role-officer = Сотрудник
ui-account-active = Активна
ui-account-inactive = Отключена
ui-deactivate = Отключить учётную запись
ui-reset-password = Сбросить пароль
ui-new-password = Новый пароль
ui-password-reset = Пароль сброшен.
ui-password-too-short = Пароль — не менее 8 символов.
ui-account-deactivated = Учётная запись отключена.
ui-new-officer = Новый сотрудник
ui-create-officer = Создать учётную запись
ui-officer-created = Учётная запись создана.
ui-exception-short = Исключение
ui-recapture-short = Снова
ui-officer = Сотрудник
finger-short-thumb = Большой
finger-short-index = Указат.
finger-short-middle = Средний
finger-short-ring = Безымян.
finger-short-little = Мизинец

## Записи (п.12–п.14)
ui-records = Записи
ui-records-title = Записи: поиск, исправления, повторное дактилоскопирование, архив
ui-back-to-search = К поиску
ui-registry-both = Оба реестра
ui-registry-citizens = Граждане
ui-registry-foreigners = Иностранцы и лица без гражданства
ui-search-by-name = По имени и дате рождения
ui-search-iin = ИИН (12 цифр)
ui-search-by-iin = По ИИН
ui-search-by-document = По номеру документа
ui-document-number = Номер документа
ui-search = Найти
ui-nothing-found = Ничего не найдено.
ui-open = Открыть
ui-registry = Реестр
ui-date = Дата
ui-badges = Отметки
badge-refusal = Отказ
badge-exemption = Освобождён
badge-not-subject = Не подлежит
badge-defect-mark = Отметка о недостатках
badge-refingerprint-due = Нужно повторное дактилоскопирование
badge-imported-mark = Зарегистрирован в другом месте
ui-correct = Исправить данные (п.12)
ui-refingerprint = Повторное дактилоскопирование (п.13)
ui-verifications = Верификации личности (п.11)
ui-history = Архив версий (п.14)
ui-history-registered = регистрация
ui-history-change = { $kind }: { $who }, «{ $reason }», сотрудник { $officer }
ui-history-current = текущая
ui-history-archived = в архиве
ui-history-biometric-set = Набор отпечатков { $set }: строк { $rows }, в архиве { $archived }
ui-compare = Сравнить:
ui-changed-count = Различающихся полей: { $count }.
ui-correction-title = Исправление (п.12): кто обратился, причина, новые значения
ui-who-applied = Кто обратился:
ui-applicant-person = Сам человек
ui-applicant-representative = Законный представитель
ui-applicant-guardian = Опекун
ui-applicant-erroneous = Обнаружены ошибочные сведения
ui-applicant-document = Документ, удостоверяющий личность представителя
ui-reason = Причина
ui-reason-required = Нужна причина.
ui-save-correction = Сохранить исправление
ui-correction-saved = Исправление сохранено; прежние данные в архиве (п.14).
ui-refingerprint-title = Повторное дактилоскопирование (п.13)
ui-refingerprint-choose = Выберите повреждённые или утраченные пальцы (или все):
ui-all-ten = Все десять пальцев
ui-all-ten-and-palms = Десять пальцев и ладони
ui-choose-positions = Выберите хотя бы один палец или ладонь.
ui-refingerprint-saved = Новые отпечатки сохранены; прежние в архиве (п.14).
ui-refingerprint-due = У этого человека временная отметка о физических недостатках: повторное дактилоскопирование при этом обращении (п.10, п.13).
ui-refingerprint-now = Дактилоскопировать повторно

## Учебные заявители
sim-01_normal = Обычный
sim-01_normal-help = Десять хороших пальцев.
sim-02_poor_first = Плохой первый отпечаток
sim-02_poor_first-help = Оба указательных дают плохой первый отпечаток: переснять.
sim-03_amputated = Ампутированный палец
sim-03_amputated-help = Безымянный левой руки ампутирован: исключение (постоянное).
sim-04_bandaged = Забинтованная рука
sim-04_bandaged-help = Левая рука забинтована: исключить её пальцы (временно).
sim-05_swapped_hands = Перепутанные руки
sim-05_swapped_hands-help = Заявитель прикладывает не ту руку: проверка последовательности должна это поймать.
sim-06_palms_only = Пальцы не откатываются
sim-06_palms_only-help = Ни один палец не откатывается: откатать ладони (п.10).
sim-07_no_prints = Отпечатков нет совсем
sim-07_no_prints-help = Ни пальцы, ни ладони не откатываются: отметка о физических недостатках (п.10).
sim-08_duplicate_finger = Один палец дважды
sim-08_duplicate_finger-help = Заявитель снова прикладывает указательный вместо среднего.

ui-step-duplicates = Проверка на дубликат
ui-duplicates-found = Эти пальцы уже зарегистрированы под другими данными личности.
ui-duplicates-explain = Регистрация остановлена. Сравните лиц ниже с заявителем и его документами. Вернитесь к дактилоскопированию, если отпечатки сняты неверно; иначе решает руководитель.
ui-duplicates-person = Зарегистрированное лицо
ui-duplicates-birth = Дата рождения
ui-duplicates-iin = ИИН
ui-duplicates-registered = Дата регистрации
ui-duplicates-fingers = Совпавшие пальцы
ui-duplicates-fingers-value = { $matched } из { $compared }
ui-duplicates-supervisor = Продолжить регистрацию может только руководитель (решение записывается в журнал аудита).
ui-duplicates-continue = Руководитель: всё равно зарегистрировать
cli-error-search-position = Неизвестная позиция пальца { $value }: укажите код ISO 1–10 (1 большой правой … 5 мизинец правой, 6 большой левой … 10 мизинец левой).
cli-error-search-no-position = { $path }: какой это палец? Укажите как ПОЗИЦИЯ=ФАЙЛ (код ISO 1–10).
cli-error-bench-search = В реестре должно быть от 1 до { $persons } человек, от 1 до { $searches } поисков, не более { $threads } потоков и хотя бы 1 кандидат в коротком списке.
ui-duplicates-applicant = У стойки: { $name }, дата рождения { $birth }
error-medical-conclusion-before-birth = Заключение не может быть датировано раньше даты рождения.
field-previous-passport-required = Для восстановления или замены паспорта нужен номер прежнего паспорта (п.7.1).
field-citizenship-kazakhstan = Гражданин Республики Казахстан регистрируется в реестре граждан.
field-citizenship-unknown = Выберите государство из списка.
cli-error-not-an-object = неверные данные: дело должно быть одним объектом JSON с именованными полями
ui-step-decision = Решение (п.3, п.4)
verification-method-fingers = по пальцам
verification-method-palms = по ладоням
verification-method-documents = по документам
ui-done-refingerprinted = Повторное дактилоскопирование сохранено (п.13).
ui-verify-by-documents = В записи нет отпечатков для сравнения: подтвердите личность по документам (п.11).
ui-document-seen = Проверенный документ (вид и номер)
ui-identity-confirmed = Личность подтверждена
field-application-not-received = Без подписанного письменного заявления дактилоскопирование невозможно.
field-document-expired = Срок действия документа истёк.
field-passphrase-mismatch = Парольные фразы не совпадают.
field-password-too-short = Нужно не менее 8 символов.
stepper-applicant = Заявитель
stepper-identity = Личность
stepper-eligibility = Вопросы
stepper-decision = Решение
stepper-representation = Представитель
stepper-consent = Согласие
stepper-verification = Верификация
stepper-capture = Дактилоскопирование
stepper-duplicates = Дубликаты
stepper-personal-data = Персональные данные
stepper-review = Проверка
stepper-blocked-duplicates = Пальцы зарегистрированы под другим именем: решает руководитель.
stepper-blocked-not-verified = Личность не подтверждена: дальше решает руководитель.
stepper-skip-no-consent-foreigner = согласие не нужно: иностранец (п.5 только для граждан)
stepper-skip-no-representative = представитель не нужен
stepper-skip-not-collected = отпечатки не снимаются
stepper-skip-not-registered-before = ранее не регистрировался
stepper-skip-refingerprint = персональные данные не меняются (повторное дактилоскопирование)
stepper-skip-verified = личность подтверждена
ui-after-failure = Что дальше?
ui-after-failure-another = Если это другой человек с теми же данными, руководитель может разрешить регистрацию заново (проверка на дубликаты всё равно проводится).
ui-after-failure-refingerprint = Если пальцы повреждены, руководитель подтверждает личность по документам, и существующая запись дактилоскопируется повторно (п.13).
ui-applicant-kind = Кто обращается
ui-service = Услуга
ui-cancel-case = Отменить заявителя
ui-cancel-case-confirm = Всё введённое и снятое для этого заявителя будет удалено. Ничего не сохранится.
ui-cancel-case-yes = Да, отменить
ui-cancel-case-no = Нет, продолжить
ui-close-not-verified = Закрыть дело: личность не подтверждена
ui-consent = Согласие (п.5)
ui-consent-given = Дал устное согласие
ui-consent-oral = Гражданин отвечает устно. Отказ записывается в реестр граждан, и дело завершается.
ui-consent-question = Желаете ли вы пройти дактилоскопическую регистрацию?
ui-consent-question-child = Согласен ли ребёнок пройти дактилоскопическую регистрацию? (Собственное согласие ребёнка, в присутствии законного представителя)
ui-decision-number = Номер решения: { $number }
ui-defect-mark = Отметка о физических недостатках (п.10)
ui-discards-warning = Изменение этого ответа удалит: { $what }. Они могут относиться к другому человеку.
ui-discards-confirm = Изменить и удалить
ui-discards-keep = Оставить прежний ответ
ui-discards-prints = { $count } снятых позиций
ui-discards-verification = верификация
ui-discards-representative = данные представителя
ui-discards-consent = согласие
ui-discards-personal-data = персональные данные
ui-done-registered-number = Регистрация сохранена: № { $number }
ui-done-refingerprinted-number = Запись № { $number } дактилоскопирована повторно
ui-guardian = Опекун (п.9)
ui-legal-representative = Законный представитель (п.8)
ui-issued-by = Кем выдан
ui-lacks-all-verdict = Нет всех пальцев или ладоней обеих рук: освобождается от регистрации
ui-lacks-all-detail = Это освобождение по закону (п.4.4), а не отметка о физических недостатках. Решение сохраняется с его основанием.
ui-record-exemption = Записать освобождение (п.4.4)
ui-look-up = Искать в реестрах
ui-mission-code = Код учреждения
ui-none = нет
ui-not-verified-closed = Личность не подтверждена: дело закрыто без регистрации
ui-photo-present = снята
ui-previous-passport-if-any = Если паспорт был ранее
ui-prints = Отпечатки
ui-prints-count = снято позиций: { $count }
ui-reciprocity-section = Освобождение на основе взаимности (п.4.2)
ui-refingerprint-capture = Повторное дактилоскопирование (п.13): снимаются все десять пальцев (и ладони, если они есть в записи); невозможные отмечаются с причиной.
ui-refingerprint-reason = Причина
ui-refingerprint-reason-hint = например: пальцы повреждены, временная отметка
ui-review-refingerprint = Биометрическая часть записи № { $number } заменяется; прежняя уходит в архив (п.14).
ui-save-refingerprint = Сохранить повторное дактилоскопирование
ui-registered-before = Ранее зарегистрирован: { $name }, { $date }, { $registry } ({ $source }) — п.11
ui-source-here = в этом учреждении
ui-source-mark = отметка центральной системы
ui-rep-application-received-on = получено { $date }
ui-rep-application-title = Письменное заявление (приложение 1)
ui-rep-authority-document = Документ, подтверждающий полномочия
ui-rep-guardianship-document = Документ, подтверждающий опекунство
ui-rep-identity = Документ, удостоверяющий личность
ui-setup-mission = Загранучреждение
ui-setup-supervisor = Первый руководитель
ui-setup-passphrase = Парольная фраза базы данных
ui-signature-taken = получена
ui-supervisor-another-person = Руководитель: другой человек, регистрировать заново
ui-supervisor-refingerprint = Руководитель: повторно дактилоскопировать запись (п.13)
ui-templates-unreadable = { $count } шаблонов прежней регистрации не читаются (записано в журнал). Они не сравниваются.
ui-verdict-collect = Дактилоскопическая информация собирается
ui-verdict-exempt = Освобождается от дактилоскопической регистрации
ui-verdict-not-subject = Не подлежит дактилоскопической регистрации
ui-verdict-verified = Личность подтверждена ({ $method })
ui-verdict-not-verified = Личность не подтверждена ({ $method })
ui-verdict-score-matched = { $position }: { $score } (порог { $threshold }) — совпадает
ui-verdict-score-not-matched = { $position }: { $score } (порог { $threshold }) — не совпадает
ui-verified-by-documents = Личность подтверждена по документам
ui-verify-by-palms = В записи только отпечатки ладоней: верификация проводится по ладоням (п.11).
io-error-not-found = файл не найден
io-error-permission = нет права читать файл
io-error-not-a-file = это не файл (папка или устройство)
io-error-disk-full = на диске нет места
io-error-read-only = диск только для чтения
io-error-exists = файл уже существует
io-error-bad-name = недопустимое имя файла
io-error-damaged = файл повреждён или неполон
io-error-other = файл не удалось прочитать
ui-ethnicity-hint = только по желанию гражданина
ui-stateless-no-citizenship = Лицо без гражданства: гражданство не указывается (п.2.1).
ui-previous-passport-facts = Прежний паспорт (п.7.1)
ui-identity-document-facts = Документ, удостоверяющий личность (п.7.2)
ui-choose-state = Выберите государство…
ui-filter-states = поиск по названию
ui-choose-file = Выбрать файл…
ui-photo-place-first = Сначала поместите лицо в овал: сдвиньте снимок или используйте ползунки.
ui-to-review = К проверке
ui-decided-on = Дата решения
ui-history-archived-on = в архиве с { $date }
ui-history-prints = Отпечатки, набор { $set } ({ $date })
ui-history-version = Версия { $version } ({ $date })
ui-name-optional = необязательно: оставьте пустым, чтобы найти человека с иначе записанным именем
ui-no = Нет
ui-verified-short = подтверждена
ui-not-verified-short = не подтверждена
ui-record-number = Запись № { $number }
ui-recorded-at = Когда записано
ui-refusal-recorded = Отказ от дактилоскопической регистрации
ui-search-by = Искать
ui-capturing-short = сканирование…
ui-next-short = следующий
duplicates-templates-skipped = { $count } сохранённых шаблонов пальцев не удалось прочитать: их владельцы не проверены на дубликаты. Сообщите руководителю (записано в журнал).
store-error-incomplete = Прерванный `beder db init` оставил неполную базу ({ $detail }); в ней ничего не сохранено. Замените её: `beder db init --replace-incomplete`.
store-error-broken-log = Журнал аудита нарушен ({ $detail }): ничего не записано. Вызовите руководителя; `beder audit verify` покажет, что изменено.
store-error-checkpoint = Контрольную точку нельзя использовать: { $detail }
file-error-not-a-file = { $path } — не обычный файл (папка, устройство или канал).
file-error-too-large = { $path } слишком велик (больше { $limit } МБ).
cli-error-search-duplicate-position = Палец { $value } задан дважды: в пробе один отпечаток каждого пальца.
cli-error-search-shortlist = Короткий список должен содержать хотя бы 1 человека.
image-error-truncated = Файл изображения неполный (обрезан): { $detail }. Отсканируйте заново или дайте полный файл.
image-error-over-budget = Для открытия изображения нужно слишком много памяти: { $detail }
store-error-no-such-folder = Папки { $detail } не существует: ничего не записано.
scanner-error-write = Файл не удаётся записать: { $detail }
cli-error-out-not-folder = { $path } — файл, а не папка: люди записываются в папку.
ui-log-broken = Журнал аудита нарушен ({ $detail }). Работа продолжается, это предупреждение записано в журнал. Вызовите руководителя.
ui-verify-cannot-print = Невозможно откатать (забинтован, повреждён)
nist-error = Транзакция ANSI/NIST-ITL не прочитана: { $detail }
wsq-error = Изображение WSQ не прочитано: { $detail }
extract-error-detector = Не удалось найти особенности узора на этом изображении: { $detail }. Отсканируйте снова.
nist-error-bitrate = Битрейт WSQ { $bitrate } должен быть от 0,1 до 8.
nist-error-no-mission-code = У загранучреждения нет кода (он вводится при первой настройке): отправителя транзакции (ORI) назвать нельзя.
nist-error-export = Регистрацию нельзя записать в транзакцию: { $detail }
training-error-persons = В учебный реестр можно внести от 1 до { $max } человек.
training-error-no-demo = В учебной базе нет демо-сотрудника: регистрации делаются от его имени.
ui-admin-outbox = Что ждёт отправки в реестры (исходящая очередь)
ui-outbox-queued = В очереди
ui-outbox-exported = Отправлено, без ответа
ui-outbox-acknowledged = Принято
ui-outbox-rejected = Отклонено
ui-outbox-oldest = Старейшая запись без ответа
ui-outbox-last-export = Последняя отправка
ui-outbox-last-answer = Последний ответ реестра
ui-outbox-when = { $at } ({ $days } дн. назад)
ui-outbox-never = —
ui-setting-outbox-warn = Предупреждение очереди, дн. (1–90)
ui-outbox-overdue = Запись для реестра ждёт ответа уже { $days } дн. Руководитель должен проверить отправку.
transfer-error-package = Пакет не открыт: { $detail }
transfer-error-no-central-key = Ключ центральной системы не настроен: задайте его командой `beder transfer set-central-key ФАЙЛ`.
transfer-error-export = Пакет для отправки не создан: { $detail }. Ничего не отмечено отправленным.
transfer-error-ack = Файл центральной системы не принят: { $detail }. Ничего не изменено.
ui-outbox-rejections = Отклонено реестром — нужно исправить:
ui-outbox-rejections-help = Откройте запись по номеру в «Записях» и исправьте её (п.12) или проведите повторную дактилоскопию (п.13): изменение снова уйдёт в реестр.
ui-outbox-kind-registration = регистрация
ui-outbox-kind-correction = исправление
ui-outbox-kind-refingerprinting = повторная дактилоскопия
ui-outbox-kind-refusal = отказ
ui-outbox-kind-non_collection = решение не собирать
ui-outbox-kind-verification = верификация
ui-outbox-rejected-banner = Реестры отклонили { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[other] { $count } записей
    }. Причины — на экране руководителя; записи нужно исправить.
records-image-purged = Снимок удалён, шаблон есть
records-images-purged = Изображения отпечатков, ладоней и фотография доставлены в реестр и удалены { $date } (срок хранения). Шаблоны ISO сохранены для верификации по п.11.
records-photo-purged = Фотография доставлена в реестр и удалена здесь: она хранится в реестре. Новую снимайте, только если она изменилась.
ui-transfer-export = Передача в реестры: экспорт на съёмный носитель
ui-transfer-folder = Папка на носителе
ui-transfer-again = Также экспортированные ранее и оставшиеся без ответа (с теми же TCN)
ui-transfer-export-button = Экспортировать
ui-transfer-progress = { $done } из { $total } транзакций
ui-transfer-nothing = Передавать нечего.
ui-transfer-written = Пакет записан: { $path } (транзакций: { $items })
ui-path-required = Сначала введите путь.
ui-backup = Резервная копия
ui-backup-file = Файл копии (на носителе)
ui-backup-button = Сделать резервную копию
ui-backup-done = Копия записана: { $path } (рядом файлы .key и .checkpoint). Храните все три вместе.
ui-backup-restore = Восстановление: закройте киоск; скопируйте копию и её файл .key в папку { $dir } под именами { $db } и { $key }; запустите `beder db check`. Копия открывается паролем, действовавшим при её создании.
ui-retention = Хранение изображений
ui-retention-due = Подлежат удалению изображения { $registrations } регистраций, подтверждённых реестром более { $days } дн. назад (отпечатков: { $prints }, фото: { $photos }). Удаление идёт само при каждом входе; шаблоны сохраняются.
ui-retention-purge = Удалить сейчас
ui-retention-purged = Удалены изображения { $registrations } регистраций (отпечатков: { $prints }, фото: { $photos }).
ui-setting-retention = Срок хранения изображений, дн. (1–3650)
scanner-error-protocol = Ответ службы сканера нельзя использовать: { $detail }. Повторите снятие; если повторится, сообщите руководителю.
scanner-error-untrusted = Этому сканеру нельзя доверять: { $detail }. Подключите зарегистрированный сканер.
scanner-error-sbi = Сканер сообщил об ошибке: { $detail }. Попробуйте снова.
ui-scanner-certificate = SBI, сертификат подписи: { $subject }
ui-training-banner-device = УЧЕБНЫЙ РЕЖИМ — учебная база и учебное устройство (SBI); отсюда ничего не попадает в рабочие реестры
ui-setting-developer-devices = Разрешить в учебном режиме незарегистрированные (разработческие) устройства SBI
ui-setting-developer-devices-help = В рабочем режиме такое устройство не принимается никогда: только устройство с проверенной подписью и назначением Registration.
ui-take-photo = Снять камерой
ui-taking-photo = Камера снимает…
ui-camera-device = Камера: { $device }
document-page = страница { $page } из { $pages }
document-error-pdf = Документ не удалось сформировать: { $detail }
receipt-title = Расписка о дактилоскопической регистрации
receipt-number = Номер регистрации
receipt-date = Дата
receipt-registry = Реестр
receipt-person = Фамилия, имя, отчество
receipt-birth-date = Дата рождения
receipt-ground = Основание
receipt-collected = Снято
receipt-collected-line = пальцев: { $fingers }, ладоней: { $palms }
receipt-exceptions = Не снятые пальцы (причина)
receipt-force-captured = Приняты при низком качестве
receipt-defect-mark = Отметка о физических недостатках (п.10)
receipt-defect-temporary = Временная: повторная дактилоскопия при следующем обращении
receipt-defect-permanent = Постоянная
receipt-defect-fingers-and-palms = Не снимаются ни пальцы, ни ладони
receipt-none = нет
receipt-representative = Законный представитель или опекун
receipt-officer = Уполномоченный сотрудник
receipt-decision-number = Номер решения
receipt-decision = Решение
receipt-decision-exempt = Освобождён от дактилоскопической регистрации
receipt-decision-not-subject = Не подлежит дактилоскопической регистрации
receipt-grounds = Основания
receipt-note = Эта расписка не является документом, удостоверяющим личность.
receipt-officer-signature = Подпись уполномоченного сотрудника
day-report-title = Итоги дня
day-report-registrations = Регистрации
day-report-refusals = Отказы (п.5)
day-report-exempt = Освобождены (п.4)
day-report-not-subject = Не подлежат (п.3)
day-report-verifications = Проверки личности (п.11)
day-report-needs-review = Дела, требующие просмотра руководителем
day-report-reviewed = Просмотрено
day-report-cases = Дела дня
day-report-col-number = Номер
day-report-col-time = Время (UTC)
day-report-col-attention = Что требует внимания
day-report-col-officer = Сотрудник
day-report-col-review = Просмотр
day-report-no-cases = Сегодня дел не было.
day-report-reviewed-by = просмотрел: { $name }
day-report-not-reviewed = не просмотрено
day-report-signature = Руководитель: { $name }
attention-force-captured = принято при низком качестве
attention-defect-mark = отметка о недостатках (п.10)
attention-duplicate-overridden = совпадение отклонено руководителем
attention-identity-by-documents = личность подтверждена документами
attention-verification-overridden = несовпадение отклонено руководителем
admin-tab-day = Итоги дня
admin-tab-statistics = Статистика
admin-tab-audit = Журнал аудита
admin-tab-accounts = Учётные записи
admin-tab-mission = Загранучреждение
admin-tab-transfer = Передача в реестры
admin-tab-settings = Настройки
audit-action = Действие
audit-any = любое
audit-bad-record = Номер записи должен иметь вид C-000001 или F-000001: { $detail }
audit-chain-intact = Цепочка журнала цела: проверено записей: { $entries }.
audit-chain-broken = Цепочка журнала нарушена на записи { $entry }.
audit-col-id = №
audit-col-at = Время (UTC)
audit-col-officer = Сотрудник
audit-col-action = Действие
audit-col-record = Запись
audit-csv-file = Файл CSV
audit-export-csv = Выгрузить в CSV
audit-exported = Журнал выгружен: { $path }
audit-officer = Сотрудник
audit-record = Запись
audit-shown = Показано записей: { $count }
day-mark-reviewed = Отметить просмотренным
day-pick = День
day-print-report = Печать итогов дня
day-review-progress = Просмотрено: { $reviewed } из { $needing }
day-summary = Регистраций: { $registrations }, отказов: { $refusals }, решений: { $decisions }, проверок: { $verifications }
document-printed = Документ отправлен на печать.
document-saved = Принтера нет: документ сохранён: { $path }
mission-name = Наименование загранучреждения
mission-country = Страна
mission-city = Город
mission-code = Код загранучреждения
mission-documents-language = Язык документов
mission-details-help = Эти данные печатаются в заявлении, расписке, итогах дня и записываются в пакеты для реестров.
mission-save = Сохранить
mission-saved = Данные загранучреждения сохранены.
stats-today = Сегодня
stats-7-days = 7 дней
stats-30-days = 30 дней
stats-90-days = 90 дней
stats-365-days = Год
stats-bad-period = Укажите период в виде ДД.ММ.ГГГГ (начало не позже конца).
stats-from = с
stats-to = по
stats-show = Показать
stats-per = Группировать:
stats-day = день
stats-week = неделя
stats-month = месяц
stats-by = Разрез:
stats-by-registry = реестр
stats-by-officer = сотрудник
stats-registrations = Регистрации
stats-refusals = Отказы
stats-exempt = Освобождённые
stats-not-subject = Не подлежащие
stats-registrations-plot = Регистрации
stats-decisions-plot = Отказы и решения
stats-quality-plot = Качество принятых отпечатков
stats-quality-axis = качество, 0–100
stats-checks = Проверки и проверка на дубликаты
stats-verification-method = Проверка (п.11): { $method }
stats-verified-counts = подтверждено { $yes }, не подтверждено { $no }
stats-duplicate-searches = Поисков дубликатов
stats-duplicate-alarms = Тревог о дубликатах
stats-duplicate-overrides = Тревог, отклонённых руководителем
stats-verification-overrides = Отклонённых несовпадений
stats-outbox-queued = Ждут отправки
stats-outbox-exported = Отправлено, ответа нет
stats-outbox-rejected = Отклонено реестром
stats-officer-rates = Доли по сотрудникам
stats-officer = Сотрудник
stats-rate-exceptions = С не снятыми пальцами
stats-rate-force = С принятыми при низком качестве
stats-rate-palms = С ладонями
stats-rate-defect = С отметкой о недостатках
ui-account-failed = Неудачных входов: { $count }
ui-account-locked = Заблокирован до { $until }
ui-account-last-sign-in = Последний вход: { $at }
ui-account-unlocked = Учётная запись разблокирована.
ui-unlock-account = Разблокировать
ui-rep-print-application = Печать заявления (приложение 1)
ui-rep-print-first = Сначала распечатайте заявление: представитель его подписывает, затем отметьте получение.
ui-rep-printed-form = Напечатана форма: { $version }
ui-print-receipt = Печать расписки
audit-act-database-created = База данных создана
audit-act-login-succeeded = Успешный вход
audit-act-login-failed = Неудачный вход
audit-act-login-locked = Учётная запись заблокирована
audit-act-logout = Выход
audit-act-officer-created = Сотрудник добавлен
audit-act-officer-deactivated = Сотрудник отключён
audit-act-officer-password-reset = Пароль сброшен
audit-act-record-created = Запись создана
audit-act-record-read = Запись открыта
audit-act-record-updated = Запись исправлена
audit-act-record-archived = Запись в архиве
audit-act-record-exported = Запись экспортирована
audit-act-record-deleted = Запись удалена
audit-act-refusal-recorded = Отказ зарегистрирован
audit-act-non-collection-recorded = Решение о неснятии зарегистрировано
audit-act-verification-recorded = Проверка зарегистрирована
audit-act-marks-imported = Отметки импортированы
audit-act-backup-made = Резервная копия создана
audit-act-settings-changed = Настройки изменены
audit-act-duplicate-search = Проверка на дубликаты
audit-act-duplicate-overridden = Совпадение допущено руководителем
audit-act-mark-verification-recorded = Проверка по отметке зарегистрирована
audit-act-templates-unreadable = Шаблоны не прочитаны
audit-act-verification-overridden = Несовпадение при проверке допущено руководителем
audit-act-incomplete-database-replaced = Незавершённая база заменена
audit-act-registration-sealed = Регистрация закреплена
audit-act-decision-sealed = Решение закреплено
audit-act-refusal-sealed = Отказ закреплён
audit-act-broken-chain-warned = Предупреждение о разрыве цепочки
audit-act-templates-skipped = Шаблоны пропущены
audit-act-acknowledgment-read = Подтверждение получено
audit-act-images-purged = Изображения удалены
audit-act-duplicate-alarm = Сигнал о совпадении
audit-act-case-reviewed = Дело проверено
audit-act-officer-unlocked = Сотрудник разблокирован
audit-act-audit-exported = Журнал экспортирован
audit-act-document-printed = Документ напечатан
ui-deactivate-confirm = Отключить учётную запись { $login }? Сотрудник больше не сможет войти; его записи сохранятся.
records-birth-date-needed = Введите дату рождения: поиск по имени без неё не ведётся.
