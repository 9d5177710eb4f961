// French names of the fideslang default taxonomy keys, written for Registre's notices and
// registers. The keys come from fideslang (Apache-2.0, Ethyca, Inc.).

extension DefaultTaxonomy {
    /// The French name of every built-in key, one per line: key, a tab, the name.
    static let frenchNames = #"""
system	Données du système
system.authentication	Données d'authentification du système
system.operations	Données d'exploitation du système
user	Données de l'utilisateur
user.account	Informations de compte
user.authorization	Habilitations et droits d'accès
user.behavior	Comportement observé
user.biometric	Données biométriques
user.childrens	Données relatives aux enfants
user.contact	Coordonnées
user.content	Contenus de l'utilisateur
user.demographic	Données démographiques
user.location	Données de localisation
user.device	Données de l'appareil
user.payment	Données de paiement
user.social	Activité sociale et interactions
user.unique_id	Identifiant unique
user.telemetry	Données de télémétrie
user.user_sensor	Données de capteurs sur l'environnement de l'utilisateur
user.workplace	Employeur
user.sensor	Données de capteurs
user.financial	Données financières
user.government_id	Données d'identification officielles
user.health_and_medical	Données de santé
user.name	Nom
user.criminal_history	Antécédents judiciaires
user.privacy_preferences	Préférences de confidentialité
user.job_title	Fonction
user.account.settings	Paramètres du compte
user.account.username	Nom d'utilisateur
user.authorization.credentials	Identifiants de connexion
user.authorization.biometric	Données biométriques d'authentification
user.authorization.password	Mot de passe
user.behavior.browsing_history	Historique de navigation
user.behavior.media_consumption	Historique de consultation des contenus
user.behavior.purchase_history	Historique d'achats
user.behavior.search_history	Historique de recherche
user.biometric.fingerprint	Empreintes digitales
user.biometric.retinal	Empreinte rétinienne
user.biometric.voice	Empreinte vocale
user.biometric.health	Données biométriques de santé
user.contact.address	Adresse postale
user.contact.email	Adresse e-mail
user.contact.phone_number	Numéro de téléphone
user.contact.url	Site web et profils en ligne
user.contact.fax_number	Numéro de fax
user.contact.organization	Entreprise ou organisme
user.contact.address.city	Ville
user.contact.address.country	Pays
user.contact.address.postal_code	Code postal
user.contact.address.state	Région ou État
user.contact.address.street	Numéro et nom de voie
user.content.private	Contenus privés
user.content.public	Contenus publics
user.content.self_image	Photographies et images de la personne
user.demographic.age_range	Tranche d'âge
user.demographic.date_of_birth	Date de naissance
user.demographic.gender	Genre
user.demographic.language	Langue
user.demographic.marital_status	Situation matrimoniale
user.demographic.political_opinion	Opinions politiques
user.demographic.profile	Profil et préférences
user.demographic.race_ethnicity	Origine raciale ou ethnique
user.demographic.religious_belief	Convictions religieuses
user.demographic.sexual_orientation	Orientation sexuelle
user.device.cookie	Données stockées dans les cookies
user.device.cookie_id	Identifiant de cookie
user.device.device_id	Identifiant de l'appareil
user.device.ip_address	Adresse IP
user.financial.bank_account	Coordonnées bancaires
user.financial.credit_card	Données de carte bancaire
user.government_id.birth_certificate	Acte de naissance
user.government_id.drivers_license_number	Numéro de permis de conduire
user.government_id.immigration	Titre de séjour
user.government_id.national_identification_number	Numéro d'identification national
user.government_id.passport_number	Numéro de passeport
user.government_id.vehicle_registration	Immatriculation du véhicule
user.health_and_medical.genetic	Données génétiques
user.health_and_medical.insurance_beneficiary_id	Numéro d'assuré santé
user.health_and_medical.record_id	Identifiant de dossier médical
user.location.imprecise	Localisation approximative
user.location.precise	Localisation précise
user.name.first	Prénom
user.name.last	Nom de famille
user.unique_id.pseudonymous	Identifiant pseudonyme
analytics	Analyses et statistiques
analytics.reporting	Production de rapports et de statistiques
analytics.reporting.ad_performance	Mesure de la performance publicitaire
analytics.reporting.content_performance	Mesure de la performance des contenus
analytics.reporting.campaign_insights	Analyse des campagnes publicitaires et promotionnelles
analytics.reporting.system	Analyse de l'activité du système
analytics.reporting.system.performance	Mesure des performances du système
collect	Collecte pour une finalité non encore définie
employment	Emploi et ressources humaines
employment.recruitment	Recrutement
essential	Fonctionnement essentiel du service
essential.fraud_detection	Détection de la fraude
essential.legal_obligation	Respect des obligations légales
essential.service	Fourniture du service
essential.service.authentication	Authentification des utilisateurs
essential.service.notifications	Notifications de service
essential.service.operations	Exploitation du service
essential.service.payment_processing	Traitement des paiements
essential.service.security	Sécurité du service
essential.service.upgrades	Information sur les mises à jour du service
essential.service.notifications.email	Notifications de service par e-mail
essential.service.notifications.sms	Notifications de service par SMS
essential.service.operations.support	Assistance aux utilisateurs
essential.service.operations.improve	Amélioration de l'assistance aux utilisateurs
finance	Gestion financière et comptable
functional	Finalités fonctionnelles
functional.storage	Stockage d'informations sur l'appareil et accès à celles-ci
functional.service	Fonctionnalités du service
functional.service.improve	Amélioration du service
functional.storage.privacy_preferences	Stockage des préférences de confidentialité sur l'appareil
marketing	Marketing
marketing.advertising	Publicité et promotion
marketing.communications	Prospection commerciale
marketing.advertising.first_party	Publicité fondée sur les données collectées directement
marketing.advertising.frequency_capping	Limitation de la répétition des publicités
marketing.advertising.negative_targeting	Exclusion de publics du ciblage publicitaire
marketing.advertising.profiling	Profilage publicitaire
marketing.advertising.serving	Diffusion des publicités
marketing.advertising.third_party	Publicité fondée sur des données de tiers
marketing.advertising.first_party.contextual	Publicité contextuelle
marketing.advertising.first_party.targeted	Publicité personnalisée fondée sur l'utilisation du service
marketing.advertising.third_party.targeted	Publicité ciblée fondée sur des données de tiers
marketing.communications.email	Prospection commerciale par e-mail
marketing.communications.sms	Prospection commerciale par SMS
operations	Fonctionnement interne de l'organisme
personalize	Personnalisation
personalize.content	Personnalisation des contenus
personalize.profiling	Profilage à des fins de personnalisation
personalize.system	Personnalisation du système
personalize.content.limited	Personnalisation des contenus à partir de données limitées
personalize.content.profiling	Profilage pour la personnalisation des contenus
personalize.content.profiled	Personnalisation des contenus fondée sur un profil
sales	Activités commerciales
third_party_sharing	Transmission de données à des tiers
third_party_sharing.legal_obligation	Transmission à des tiers en vertu d'une obligation légale
train_ai_system	Entraînement de systèmes d'intelligence artificielle
anonymous_user	Utilisateurs anonymes
citizen_voter	Électeurs
commuter	Personnes en déplacement
consultant	Consultants
customer	Clients
employee	Salariés
job_applicant	Candidats
next_of_kin	Proches
passenger	Passagers
patient	Patients
prospect	Prospects
shareholder	Actionnaires
supplier_vendor	Fournisseurs et prestataires
trainee	Stagiaires et personnes en formation
visitor	Visiteurs
"""#
}
