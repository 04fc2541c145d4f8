package main

// attribution is the notice shipped next to the model: every corpus and lexicon the model was
// trained on, with licence and citation as given in the corpora's SOURCE.txt and LICENSE files.
func attribution() string {
	return `Tend triage model - attribution
================================

assets/triage/model.bin.gz is a statistical model (hashed naive Bayes counts, language trigram
profiles and a sentiment lexicon) trained by backend/triage/cmd/train. It contains no corpus
text. It was derived from the following works, used under their licences.

Training corpora
----------------

SMS Spam Collection v.1 - T.A. Almeida, J.M. Gomez Hidalgo, A. Yamakami (UCI ML Repository 228).
  Licence: CC BY 4.0.
  Cite: Almeida, Gomez Hidalgo, Yamakami. "Contributions to the Study of SMS Spam Filtering: New
  Collection and Results." ACM DocEng 2011, pp.259-262.
  Used: spam -> spam, ham -> other.

Hate Speech and Offensive Language (t-davidson/hate-speech-and-offensive-language).
  Licence: MIT, Copyright (c) 2017 Tom Davidson.
  Cite: Davidson, Warmsley, Macy, Weber. "Automated Hate Speech Detection and the Problem of
  Offensive Language." ICWSM 2017, pp.512-515.
  Used: hate speech -> danger, neither -> other.

MLMA - Multilingual and Multi-Aspect Hate Speech (HKUST-KnowComp/MLMA_hate_speech), EN and FR.
  Licence: MIT, Copyright (c) 2019 HKUST-KnowComp.
  Cite: Ousidhoum, Lin, Zhang, Song, Yeung. "Multilingual and Multi-Aspect Hate Speech Analysis."
  EMNLP-IJCNLP 2019, pp.4675-4684.
  Used: hateful or abusive -> danger, normal -> other; French tweets for language detection.

Bitext Customer Service Tagged Training Dataset (bitext/customer-support-llm-chatbot-training-dataset).
  Licence: CDLA-Sharing-1.0; section 3.5 places no obligations on Results such as a trained model.
  Cite: Bitext, github.com/bitext/customer-support-llm-chatbot-training-dataset.
  Used: place_order, check_payment_methods, delivery_options -> sale; get_refund, track_refund,
  track_order, complaint, payment_issue, delivery_period, cancel_order, change_order -> support.

BANKING77 (PolyAI-LDN/task-specific-datasets).
  Licence: CC BY 4.0.
  Cite: Casanueva, Temcinas, Gerz, Henderson, Vulic. "Efficient Intent Detection with Dual
  Sentence Encoders." NLP4ConvAI @ ACL 2020, pp.38-45.
  Used: all categories -> support.

Tend hand-labelled examples (assets/triage/labelled/*.tsv), written for the Tend project.
  Licence: same as Tend.

Sentiment lexicons
------------------

VADER English lexicon and emoji lexicon (cjhutto/vaderSentiment, via github.com/jonreiter/govader).
  Licence: MIT, Copyright (c) 2016 C.J. Hutto.
  Cite: Hutto & Gilbert. "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social
  Media Text." ICWSM 2014.

VADER French lexicon and emoji descriptions (thomas7lieues/vader_FR, vaderSentiment-fr),
  hand-translated by Deprez & Ek (7Lieues).
  Licence: MIT (C.J. Hutto's VADER licence text, Copyright (c) 2016 C.J. Hutto).

AFINN word lists AFINN-en-165, AFINN-fr-165 (translation by Floris Snuif) and AFINN-emoticon-8
  (fnielsen/afinn), Copyright Finn Aarup Nielsen and Technical University of Denmark.
  Licence: Apache License 2.0.
  Cite: F.A. Nielsen. "A new ANEW: evaluation of a word list for sentiment analysis in
  microblogs." ESWC 2011 workshop "Making Sense of Microposts", pp.93-98.
`
}
