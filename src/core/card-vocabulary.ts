// The words that give away what a line of a business card is, in English, German and French. All folded
// (lower case, no accents, ß → ss) so that OCR that drops an accent still matches. Kept apart from the rules so that
// a word can be added without reading the extraction logic.

const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/));

/** A job: "Manager", "Geschäftsführerin", "Directrice", "Chargée", "Attorney". */
export const JOB_WORDS = words(`
  manager managerin director directors directeur directrice direktor direktorin engineer ingenieur ingenieurin
  developer entwickler entwicklerin developpeur developpeuse designer designerin architect architecte architekt
  architektin consultant consultante berater beraterin conseiller conseillere ceo cto cfo coo cmo cio cpo cro ciso
  vp svp evp avp president presidente prasident prasidentin founder cofounder co-founder fondateur fondatrice
  cofondateur cofondatrice grunder grunderin owner inhaber inhaberin partner partnerin associate associe associee
  attorney lawyer counsel solicitor barrister avocat avocate anwalt anwaltin rechtsanwalt rechtsanwaltin notaire
  notar notarin notary accountant comptable steuerberater steuerberaterin analyst analyste scientist researcher
  chercheur chercheuse officer head lead leader chief principal specialist specialiste spezialist spezialistin
  coordinator coordinateur coordinatrice koordinator koordinatorin administrator administrateur administratrice
  assistant assistante assistent assistentin secretary secretaire sekretarin executive gerant gerante
  responsable charge chargee chef cheffe leiter leiterin geschaftsfuhrer geschaftsfuhrerin vorstand prokurist
  prokuristin referent referentin sachbearbeiter sachbearbeiterin professor professeur professeure lecturer
  teacher enseignant enseignante physician surgeon chirurgien nurse infirmier infirmiere dentist pharmacist
  therapist psychologist editor redacteur redactrice redakteur redakteurin writer journalist journaliste
  photographer photographe fotograf fotografin producer producteur productrice recruiter recruteur agent broker
  advisor adviser planner strategist intern trainee stagiaire apprentice technician technicien technicienne
  techniker technikerin supervisor controller controleur controleuse treasurer tresorier auditor auditeur
  auditrice buyer acheteur acheteuse representative delegue deleguee pdg dg daf drh
  chairman chairwoman chair vorsitzender vorsitzende gesellschafter gesellschafterin geschaftsfuhrender
  geschaftsfuhrende
`);

/** Words that qualify a job without being one: "Senior", "Regional", "Sales", "Marketing", "RH". */
export const JOB_QUALIFIERS = words(`
  senior junior regional global national international general managing deputy vice assistant interim acting
  sales marketing product operations finance financial technical technology engineering research development
  communication communications business account accounts customer client success support project program
  programme people human resources hr rh it ux ui qa data software hardware legal strategy strategic creative
  brand digital innovation commerciale commercial vertrieb vertriebs personal einkauf technik
  entwicklung forschung kommunikation recherche ventes achats adjoint adjointe principale stellvertretender
  stellvertretende
`);

/** Small words that may sit inside a job title or a company name without being evidence of either. */
export const CONNECTORS = words(`at of for the and & de des du la le et fur und im in en a`);

/** Compounds and professions end in the job: "Vertriebsleiter", "Industriekaufmann", "Cardiologist", "Physician".
 * Checked only on words with at least three letters before the ending, and "-ist" not after q/kv ("Lindqvist"). */
export const JOB_SUFFIX = /(?:leiter|leiterin|fuhrer|fuhrerin|entwickler|entwicklerin|berater|beraterin|manager|managerin|ingenieur|ingenieurin|referent|referentin|assistent|assistentin|direktor|direktorin|techniker|technikerin|architekt|architektin|designer|designerin|spezialist|spezialistin|beauftragter|beauftragte|kaufmann|kauffrau|meister|meisterin|ologist|ologe|ologin|ician|(?<!qv|kv|e)ist)$/;

/** A legal form, compared without dots: "Inc.", "GmbH", "S.A.R.L.", "PLLC". Two-letter ones count only in capitals. */
export const LEGAL_FORMS = words(`
  inc incorporated llc llp pllc lllp ltd limited plc corp corporation gmbh mbh gmbhcokg kgaa ohg gbr ug ag kg ek ev
  sarl sas sasu sa eurl sci scop snc scp selarl bv nv pty srl spa sl se ab as oy aps lp pc co
`);

/** Words that name a business rather than a person or a job. */
export const COMPANY_WORDS = words(`
  group groupe gruppe partners associates associes analytics consulting consultants conseil beratung solutions
  systems systemes technologies technology tech technik labs lab laboratory laboratories laboratoire laboratoires
  studio studios capital logistics logistik services service clinic clinique klinik health healthcare sante holdings
  holding industries industrie ventures agency agentur agence media medias design designs architectes architects
  architekten maison atelier ateliers collective kollektiv collectif freight transport transports software digital
  networks bank banque insurance versicherung versicherungen assurances law legal firm company compagnie
  corporation enterprises entreprise entreprises foundation stiftung fondation institute institut university
  universitat universite school ecole hospital hopital krankenhaus praxis cabinet works werke werk manufacturing
  fabrik energy energie pharma medical dental realty immobilien immobilier properties construction bau travel
  tours hotel restaurant cafe bakery boulangerie gallery galerie publishing verlag editions press records films
  productions communications trading handel supply shop boutique market foods farms motors automotive aviation
  mobility robotics cloud security securite solar environmental finanz finances investments investment advisors
  management gesellschaft societe union association verein club kanzlei sons brothers bros fils freres sohne
  gebruder builders ai
`);

/** Street types, whole words: "Harbor Blvd", "rue de la Paix", "Avonmouth Way", "Sendlinger Str.". */
export const STREET_WORDS = words(`
  st street str strasse ave av avenue blvd boulevard bd road rd lane ln drive way place pl row court ct square sq
  terrace crescent close parkway pkwy highway hwy circle cir plaza pike trail alley mews gardens walk wharf quay
  embankment hill green grove broadway weg platz allee ring damm gasse ufer chaussee markt steig pfad rue quai
  chemin allee cours impasse route rte passage promenade voie faubourg esplanade rond-point
`);

/** German street names are compounds: "Lindenstraße", "Hohenzollernring", "Marktplatz". */
export const STREET_SUFFIX = /(?:strasse|str|weg|platz|allee|ring|damm|gasse|ufer|chaussee|markt|steig|pfad|graben|wall|hof|berg|tor)$/;

/** Parts of an address that are not the street: "Suite 1200", "Floor 22", "Unit 4", "Riverside House", "BP 12". */
export const ADDRESS_UNIT_WORDS = words(`
  suite ste floor fl level unit apt apartment building bldg house tower centre center court block wing room
  po box postfach etage stock bat batiment residence bp cedex immeuble
`);

export const COUNTRY_NAMES = words(`
  usa us u.s.a. america uk u.k. gb england scotland wales ireland germany deutschland allemagne france frankreich
  spain espana espagne italy italia italie netherlands nederland belgium belgique belgien switzerland schweiz suisse
  austria osterreich autriche luxembourg luxemburg canada australia sweden sverige norway denmark danmark finland
  poland polska portugal
`);

/** Country names of more than one word, folded. */
export const COUNTRY_PHRASES = ['united states', 'united states of america', 'united kingdom', 'great britain', 'northern ireland', 'royaume uni', 'vereinigtes konigreich', 'etats unis', 'vereinigte staaten'];

export const US_STATES = words(`
  AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR
  PA RI SC SD TN TX UT VT VA WA WV WI WY PR
`);

/** Before a name: "Dr. Matthias Berger", "Prof. Dr.", "Mme Camille Rousseau", "Dipl.-Ing.". */
export const NAME_PREFIXES = words(`dr dr. prof prof. mr mr. mrs mrs. ms ms. mx mme mlle m. me me. maitre herr frau dipl.-ing. dipl.-ing ing. mag. sir dame`);

/** After a name: "Jane Doe, PhD", "John Smith Jr.". */
export const NAME_SUFFIXES = words(`
  phd ph.d. mba md m.d. jr jr. sr sr. ii iii iv esq esq. cpa cfa aca fca acca msc m.sc. bsc b.sc. llb llm ll.m. ma m.a. dds
  rn pe ra qc kc mbe obe frcs mrcp frics mrics ceng
`);

/** Lower-case particles inside a name: "Ludwig van Beethoven", "Jean de la Fontaine". */
export const NAME_PARTICLES = words(`de da di del della der den van von la le du dos das do bin al el ter ten zu af y`);
