// English names of the fideslang default taxonomy keys, written for Registre's notices and
// registers (sentence case, plural data subjects). The keys come from fideslang (Apache-2.0, Ethyca, Inc.).

extension DefaultTaxonomy {
    /// The English name of every built-in key as a notice prints it, one per line: key, a tab, the name.
    static let englishNames = #"""
system	System data
system.authentication	System authentication data
system.operations	System operations data
user	User data
user.account	Account information
user.authorization	Permissions and access rights
user.behavior	Observed behaviour
user.biometric	Biometric data
user.childrens	Data about children
user.contact	Contact details
user.content	User content
user.demographic	Demographic data
user.location	Location data
user.device	Device data
user.payment	Payment data
user.social	Social activity and interactions
user.unique_id	Unique identifier
user.telemetry	Telemetry data
user.user_sensor	Sensor data about the user's surroundings
user.workplace	Employer
user.sensor	Sensor data
user.financial	Financial data
user.government_id	Government-issued identification
user.health_and_medical	Health data
user.name	Name
user.criminal_history	Criminal records
user.privacy_preferences	Privacy preferences
user.job_title	Job title
user.account.settings	Account settings
user.account.username	Username
user.authorization.credentials	Login credentials
user.authorization.biometric	Biometric authentication data
user.authorization.password	Password
user.behavior.browsing_history	Browsing history
user.behavior.media_consumption	Content viewing history
user.behavior.purchase_history	Purchase history
user.behavior.search_history	Search history
user.biometric.fingerprint	Fingerprints
user.biometric.retinal	Retinal scan
user.biometric.voice	Voiceprint
user.biometric.health	Biometric health data
user.contact.address	Postal address
user.contact.email	Email address
user.contact.phone_number	Phone number
user.contact.url	Website and online profiles
user.contact.fax_number	Fax number
user.contact.organization	Company or organisation
user.contact.address.city	City
user.contact.address.country	Country
user.contact.address.postal_code	Postal code
user.contact.address.state	Region or state
user.contact.address.street	House number and street
user.content.private	Private content
user.content.public	Public content
user.content.self_image	Photographs and images of the person
user.demographic.age_range	Age range
user.demographic.date_of_birth	Date of birth
user.demographic.gender	Gender
user.demographic.language	Language
user.demographic.marital_status	Marital status
user.demographic.political_opinion	Political opinions
user.demographic.profile	Profile and preferences
user.demographic.race_ethnicity	Racial or ethnic origin
user.demographic.religious_belief	Religious beliefs
user.demographic.sexual_orientation	Sexual orientation
user.device.cookie	Data stored in cookies
user.device.cookie_id	Cookie ID
user.device.device_id	Device ID
user.device.ip_address	IP address
user.financial.bank_account	Bank account details
user.financial.credit_card	Payment card details
user.government_id.birth_certificate	Birth certificate
user.government_id.drivers_license_number	Driving licence number
user.government_id.immigration	Residence permit
user.government_id.national_identification_number	National identification number
user.government_id.passport_number	Passport number
user.government_id.vehicle_registration	Vehicle registration
user.health_and_medical.genetic	Genetic data
user.health_and_medical.insurance_beneficiary_id	Health insurance number
user.health_and_medical.record_id	Medical record number
user.location.imprecise	Approximate location
user.location.precise	Precise location
user.name.first	First name
user.name.last	Last name
user.unique_id.pseudonymous	Pseudonymous identifier
analytics	Analytics and statistics
analytics.reporting	Reporting and statistics
analytics.reporting.ad_performance	Advertising performance measurement
analytics.reporting.content_performance	Content performance measurement
analytics.reporting.campaign_insights	Advertising and promotional campaign analysis
analytics.reporting.system	System activity analysis
analytics.reporting.system.performance	System performance measurement
collect	Collection for a purpose not yet defined
employment	Employment and human resources
employment.recruitment	Recruitment
essential	Essential operation of the service
essential.fraud_detection	Fraud detection
essential.legal_obligation	Compliance with legal obligations
essential.service	Provision of the service
essential.service.authentication	User authentication
essential.service.notifications	Service notifications
essential.service.operations	Operation of the service
essential.service.payment_processing	Payment processing
essential.service.security	Security of the service
essential.service.upgrades	Information about service updates
essential.service.notifications.email	Service notifications by email
essential.service.notifications.sms	Service notifications by SMS
essential.service.operations.support	User support
essential.service.operations.improve	Improvement of user support
finance	Finance and accounting
functional	Functional purposes
functional.storage	Storing and accessing information on the device
functional.service	Service features
functional.service.improve	Service improvement
functional.storage.privacy_preferences	Storing privacy preferences on the device
marketing	Marketing
marketing.advertising	Advertising and promotion
marketing.communications	Direct marketing
marketing.advertising.first_party	Advertising based on data collected directly
marketing.advertising.frequency_capping	Limiting how often an advertisement is shown
marketing.advertising.negative_targeting	Excluding audiences from advertising targeting
marketing.advertising.profiling	Profiling for advertising
marketing.advertising.serving	Delivery of advertisements
marketing.advertising.third_party	Advertising based on third-party data
marketing.advertising.first_party.contextual	Contextual advertising
marketing.advertising.first_party.targeted	Personalised advertising based on use of the service
marketing.advertising.third_party.targeted	Targeted advertising based on third-party data
marketing.communications.email	Email marketing
marketing.communications.sms	SMS marketing
operations	Internal operations of the organisation
personalize	Personalisation
personalize.content	Content personalisation
personalize.profiling	Profiling for personalisation
personalize.system	System personalisation
personalize.content.limited	Content personalisation using limited data
personalize.content.profiling	Profiling for content personalisation
personalize.content.profiled	Profile-based content personalisation
sales	Sales activities
third_party_sharing	Disclosure of data to third parties
third_party_sharing.legal_obligation	Disclosure to third parties under a legal obligation
train_ai_system	Training artificial intelligence systems
anonymous_user	Anonymous users
citizen_voter	Voters
commuter	Travellers
consultant	Consultants
customer	Customers
employee	Employees
job_applicant	Job applicants
next_of_kin	Relatives
passenger	Passengers
patient	Patients
prospect	Prospects
shareholder	Shareholders
supplier_vendor	Suppliers and service providers
trainee	Trainees and people in training
visitor	Visitors
"""#
}
