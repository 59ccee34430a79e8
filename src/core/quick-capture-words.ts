// The vocabulary the quick-capture parser recognises, as regular-expression sources (case-insensitive, `u` flag).
// Kept apart from the rules so that a word can be added without reading the parsing logic.

/** A word that marks a job title: "CTO", "Head of Sales", "Senior Engineer", "Co-founder". */
export const TITLE_WORD =
  '\\b(?:ceo|cto|cfo|coo|cmo|cio|cpo|cro|ciso|chro|vp|svp|evp|avp|founder|co-?founder|director|manager|head|engineer|' +
  'developer|designer|consultant|partner|principal|president|owner|lead|architect|analyst|advisor|adviser|' +
  'chair(?:man|woman|person)?|officer|recruiter|specialist|coordinator|associate|attorney|lawyer|solicitor|' +
  'accountant|professor|researcher|scientist|editor|writer|journalist|producer|teacher|nurse|broker|realtor|' +
  'coach|strategist|executive|administrator|secretary|treasurer|intern|student|freelancer|entrepreneur|investor|' +
  'photographer|chef|marketer|representative|evangelist)s?\\b';

/** The last word of an organisation's name: "Acme Corp", "Stone & Co.", "Bright Labs", "Oxford University". */
export const ORG_SUFFIX =
  '\\b(?:inc|corp|corporation|ltd|llc|llp|plc|gmbh|ag|bv|nv|pty|co|company|group|labs?|partners|holdings|ventures|' +
  'capital|consulting|technologies|solutions|studios?|agency|bank|university|college|school|foundation|institute|' +
  'associates|systems|software|media|ministry|council|chamber)\\.?$';

/** Life outside work, worth asking about next time: kids, a marathon, a dog, a wedding, a move. */
export const PERSONAL_WORD =
  '\\b(?:kids?|children|child|daughters?|sons?|twins|bab(?:y|ies)|newborn|pregnan\\w*|expecting|grandkids|' +
  'grandchild(?:ren)?|wife|husband|married|wedding|engaged|divorced?|dogs?|cats?|pupp(?:y|ies)|kittens?|pets?|' +
  'marathons?|runners?|running|triathl\\w*|ironman|moved\\s+to|moving\\s+to|relocat\\w+|new\\s+(?:house|home|baby)|' +
  'retir\\w+|birthday|family|parents?|mom|mum|dad|honeymoon|sabbatical|parental\\s+leave|maternity|paternity)\\b';

/** Lower-case particles that may sit inside a name: "Ludwig van Beethoven", "María de la Cruz". */
export const NAME_PARTICLES = new Set([
  'de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'do', 'bin', 'bint',
  'al', 'el', 'y', 'e', 'ter', 'ten', 'zu', 'af', 'st.',
]);

/** Verbs that start a promise I make: "will send…", "to intro…", "I'll book…". */
export const PROMISE_VERB =
  '(?:send|share|forward|intro(?:duce)?|connect|email|e-mail|call|ring|text|ping|follow\\s+up|get\\s+back|check|' +
  'look\\s+into|find|book|schedule|set\\s+up|write|review|invite|buy|get|give|pass|reach\\s+out|recommend|' +
  'put|make|draft|prepare|mail|post|dm|message)';
