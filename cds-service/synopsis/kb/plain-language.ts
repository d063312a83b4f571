/**
 * Everyday words for the patient-facing summary: what a condition is, what a class of medicine is
 * used for, what a test measures, and why a preventive check is worth asking about. Written by the
 * team at US grade 8 or below (checked by `plain-language.test.ts`); each row names the public page
 * its facts come from (MedlinePlus, the National Library of Medicine's health information for
 * patients, unless said otherwise). Keyed by the ids of `conditions.ts`, `drug-classes.ts`,
 * `labs.ts` and `care-gaps.ts`.
 */

export interface PlainCondition {
  /** The everyday name, capitalised as a heading: "High blood pressure". */
  name: string;
  /** One or two short sentences on what it is. */
  about: string;
  source: string;
}

export interface PlainPurpose {
  /** Completes "a medicine used ...": "to lower cholesterol". */
  purpose: string;
  source: string;
}

export interface PlainTest {
  /** The everyday name: "Average blood sugar (HbA1c)". */
  name: string;
  /** One short sentence on what it measures. */
  about: string;
  source: string;
}

export interface PlainCheck {
  /** What to ask about, as a heading: "A test for colon cancer". */
  ask: string;
  /** One or two short sentences on why it helps. */
  why: string;
  source: string;
}

const MEDLINEPLUS = (page: string): string => `MedlinePlus, https://medlineplus.gov/${page}`;

export const PLAIN_CONDITIONS: Readonly<Record<string, PlainCondition>> = {
  diabetes: {
    name: 'Diabetes (high blood sugar)',
    about:
      'Your body does not make or use insulin well, so sugar builds up in your blood. Over time, high blood sugar can harm your eyes, kidneys, nerves and heart.',
    source: MEDLINEPLUS('diabetes.html'),
  },
  'type-1-diabetes': {
    name: 'Type 1 diabetes (high blood sugar)',
    about:
      'Your body makes little or no insulin. Insulin lets sugar move from your blood into your cells, where it gives you energy.',
    source: MEDLINEPLUS('diabetestype1.html'),
  },
  'other-diabetes': {
    name: 'A less common kind of diabetes',
    about:
      'Your blood sugar is too high for a reason other than type 1 or type 2 diabetes. The cause can be another health problem, a medicine or a change in a gene.',
    source: MEDLINEPLUS('diabetes.html'),
  },
  'gestational-diabetes': {
    name: 'High blood sugar in pregnancy',
    about:
      'This is high blood sugar that starts while a woman is pregnant. It often goes away after the baby is born.',
    source: MEDLINEPLUS('gestationaldiabetes.html'),
  },
  stroke: {
    name: 'Stroke',
    about:
      'A stroke happens when a blocked blood vessel cuts off blood flow to part of the brain. Without blood, that part of the brain does not get the oxygen it needs.',
    source: MEDLINEPLUS('ischemicstroke.html'),
  },
  malignancy: {
    name: 'A form of cancer',
    about:
      'Cancer is a disease in which some cells in the body grow out of control. There are many kinds, and each kind is cared for in its own way.',
    source: MEDLINEPLUS('cancer.html'),
  },
  dementia: {
    name: 'Loss of memory and thinking skills (dementia)',
    about:
      'Dementia makes it hard to remember, think and do daily tasks. It often changes slowly, and there is help for people with it and their families.',
    source: MEDLINEPLUS('dementia.html'),
  },
  'diabetic-retinopathy': {
    name: 'Eye damage from diabetes',
    about:
      'High blood sugar can harm the small blood vessels at the back of the eye. Eye exams can find it early, when it is easier to treat.',
    source: MEDLINEPLUS('diabeticeyeproblems.html'),
  },
  eskd: {
    name: 'Kidneys that no longer work well',
    about:
      'Your kidneys can no longer clean your blood well enough by themselves. Dialysis or a new kidney can do that work.',
    source: MEDLINEPLUS('kidneyfailure.html'),
  },
  'sickle-cell-disease': {
    name: 'Sickle cell disease',
    about:
      'This is a blood disease you are born with. Red blood cells can bend into a curved shape and get stuck in small blood vessels, which can cause pain.',
    source: MEDLINEPLUS('sicklecelldisease.html'),
  },
  prediabetes: {
    name: 'Slightly high blood sugar',
    about:
      'Your blood sugar is higher than normal, but not high enough to be called diabetes. It can often be brought back down to the normal range.',
    source: MEDLINEPLUS('prediabetes.html'),
  },
  ckd: {
    name: 'Long-term kidney disease',
    about:
      'Your kidneys filter waste and extra water out of your blood. With this condition, they have not worked as well as they should for 3 months or more.',
    source: MEDLINEPLUS('chronickidneydisease.html'),
  },
  hypertension: {
    name: 'High blood pressure',
    about:
      'Your blood pushes on the walls of your blood vessels harder than it should. Over time this can hurt your heart, brain and kidneys.',
    source: MEDLINEPLUS('highbloodpressure.html'),
  },
  hyperlipidemia: {
    name: 'High cholesterol in the blood',
    about:
      'Your blood has more cholesterol or other fats than is healthy. Over time these fats can build up in your blood vessels and make heart disease and stroke more likely.',
    source: MEDLINEPLUS('cholesterol.html'),
  },
  hypertriglyceridemia: {
    name: 'High levels of a blood fat (triglycerides)',
    about:
      'Triglycerides are a type of fat in your blood. Your level is higher than is healthy, which can make heart disease more likely.',
    source: MEDLINEPLUS('triglycerides.html'),
  },
  anemia: {
    name: 'Low red blood cells (anemia)',
    about:
      'Your blood has fewer healthy red blood cells than it should. These cells carry oxygen around your body, so a low level can make you feel tired or weak.',
    source: MEDLINEPLUS('anemia.html'),
  },
  'iron-deficiency-anemia': {
    name: 'Low red blood cells from low iron',
    about:
      'Your body does not have enough iron to make the red blood cells it needs. Iron can run low from blood loss, from what you eat, or when the body does not absorb it well.',
    source: MEDLINEPLUS('ency/article/000584.htm'),
  },
  'macrocytic-anemia': {
    name: 'Low red blood cells from low B12 or folate',
    about:
      'Your red blood cells are larger than normal, and there are too few of them. This often happens when the body is low in vitamin B12 or folate.',
    source: MEDLINEPLUS('ency/article/000574.htm'),
  },
  hypothyroidism: {
    name: 'Too little thyroid hormone',
    about:
      'Your thyroid gland does not make enough thyroid hormone. This hormone helps your body use energy, so a low level can make you feel tired, cold or slow.',
    source: MEDLINEPLUS('hypothyroidism.html'),
  },
  hyperthyroidism: {
    name: 'Too much thyroid hormone',
    about:
      'Your thyroid gland makes more thyroid hormone than your body needs. This can speed up many things in the body, such as your heartbeat.',
    source: MEDLINEPLUS('hyperthyroidism.html'),
  },
  'heart-failure': {
    name: 'Heart failure',
    about:
      'Your heart does not pump blood as well as your body needs. This does not mean the heart no longer works.',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  'atrial-fibrillation': {
    name: 'A heartbeat out of rhythm (AFib)',
    about:
      'The top parts of your heart beat fast and out of step with the rest of the heart. This can make blood clots and stroke more likely.',
    source: MEDLINEPLUS('atrialfibrillation.html'),
  },
  'ischemic-heart-disease': {
    name: 'Heart disease (narrowed blood vessels)',
    about:
      'The blood vessels that feed your heart muscle have become narrow from a fatty buildup. This can limit blood flow to the heart and cause chest pain.',
    source: MEDLINEPLUS('coronaryarterydisease.html'),
  },
  copd: {
    name: 'Long-term lung disease',
    about:
      'Damage to your airways and lungs makes it harder to move air in and out. This can cause shortness of breath, cough and mucus.',
    source: MEDLINEPLUS('copd.html'),
  },
  asthma: {
    name: 'Asthma (a lung condition)',
    about:
      'The airways in your lungs swell and get narrow at times, which makes it hard to breathe. Things like colds, dust, smoke or exercise can set it off.',
    source: MEDLINEPLUS('asthma.html'),
  },
  obesity: {
    name: 'Weight above the healthy range',
    about:
      'Your weight is higher than the healthy range for your height, based on your body mass index. Extra weight can make some health problems more likely, such as diabetes and heart disease.',
    source: MEDLINEPLUS('obesity.html'),
  },
  aki: {
    name: 'A sudden drop in kidney function',
    about:
      'Your kidneys stopped working as well as usual over a short time, often hours or days. The cause can often be treated, and the kidneys often get better.',
    source: MEDLINEPLUS('ency/article/000501.htm'),
  },
  'chronic-liver-disease': {
    name: 'Long-term liver disease',
    about:
      'Your liver has been hurt over a long time. The liver helps clean your blood, digest food and store energy.',
    source: MEDLINEPLUS('liverdiseases.html'),
  },
  gout: {
    name: 'Gout',
    about:
      'Uric acid builds up in your blood and forms sharp crystals in a joint. This causes sudden bouts of pain, swelling and redness, often in the big toe.',
    source: MEDLINEPLUS('gout.html'),
  },
  osteoporosis: {
    name: 'Thin, weak bones',
    about: 'Your bones have become thin and weak, so they can break more easily.',
    source: MEDLINEPLUS('osteoporosis.html'),
  },
  depression: {
    name: 'Depression (low mood)',
    about:
      'Depression is common, and it affects your mood, sleep and energy. It is not a weakness, and it can be treated.',
    source: MEDLINEPLUS('depression.html'),
  },
  anxiety: {
    name: 'Worry that is hard to control (anxiety)',
    about:
      'You feel worried or tense much of the time, often about everyday things. It can be hard to control and can affect sleep, focus and daily life.',
    source: MEDLINEPLUS('anxiety.html'),
  },
  'metabolic-syndrome': {
    name: 'A group of heart risk factors (metabolic syndrome)',
    about:
      'This is a group of problems that show up together, like a large waist, high blood pressure and high blood sugar. Together they make heart disease, diabetes and stroke more likely.',
    source: MEDLINEPLUS('metabolicsyndrome.html'),
  },
  hyperkalemia: {
    name: 'High potassium in the blood',
    about:
      'Potassium is a mineral that helps your nerves, muscles and heart work. Your blood level has been higher than the usual range.',
    source: MEDLINEPLUS('lab-tests/potassium-blood-test/'),
  },
  hypokalemia: {
    name: 'Low potassium in the blood',
    about:
      'Potassium is a mineral that helps your nerves, muscles and heart work. Your blood level has been lower than the usual range.',
    source: MEDLINEPLUS('lab-tests/potassium-blood-test/'),
  },
  hyponatremia: {
    name: 'Low sodium in the blood',
    about:
      'Sodium is a salt that helps keep the right amount of water in and around your cells. Your blood level has been lower than the usual range.',
    source: MEDLINEPLUS('lab-tests/sodium-blood-test/'),
  },
  hypercalcemia: {
    name: 'High calcium in the blood',
    about:
      'Calcium is a mineral that keeps bones strong and helps nerves and muscles work. Your blood level has been higher than the usual range.',
    source: MEDLINEPLUS('lab-tests/calcium-blood-test/'),
  },
  thrombocytopenia: {
    name: 'Low platelet count',
    about:
      'Platelets are tiny blood cells that help your blood clot. Your count has been lower than the usual range, so you can bruise or bleed more easily.',
    source: MEDLINEPLUS('lab-tests/platelet-tests/'),
  },
  polycythemia: {
    name: 'High red blood cell count',
    about:
      'Your blood has more red blood cells than usual, which can make it thicker. This can happen when the body is low on oxygen, or from a bone marrow problem.',
    source: MEDLINEPLUS('lab-tests/hemoglobin-test/'),
  },
  leukopenia: {
    name: 'Low white blood cell count',
    about:
      'White blood cells help your body fight germs. Your count has been lower than the usual range, which some medicines and infections can cause.',
    source: MEDLINEPLUS('lab-tests/white-blood-count-wbc/'),
  },
  'vitamin-d-deficiency': {
    name: 'Low vitamin D',
    about:
      'Your body does not have as much vitamin D as it needs. Vitamin D helps your body use calcium to keep your bones strong.',
    source: MEDLINEPLUS('vitamind.html'),
  },
  hypoglycemia: {
    name: 'Low blood sugar',
    about:
      'Your blood sugar has dropped lower than your body needs, which can make you shaky, sweaty or confused. It is most common with some diabetes medicines.',
    source: MEDLINEPLUS('hypoglycemia.html'),
  },
  'unhealthy-alcohol-use': {
    name: 'Alcohol use that can harm health',
    about:
      'This means drinking in ways that can affect your health, safety or daily life. Many people find support and care helpful.',
    source: MEDLINEPLUS('alcoholusedisorderaud.html'),
  },
  'tobacco-use': {
    name: 'Use of tobacco',
    about:
      'This means you smoke or use other kinds of tobacco. Tobacco affects the heart, lungs and many other parts of the body.',
    source: MEDLINEPLUS('smoking.html'),
  },
  'unhealthy-drug-use': {
    name: 'Drug use that can harm health',
    about:
      'This means using drugs, or medicines not as prescribed, in ways that can affect your health or daily life. Many people find support and care helpful.',
    source: MEDLINEPLUS('ency/article/001522.htm'),
  },
  'sleep-apnea': {
    name: 'Sleep apnea',
    about:
      'Your airway gets blocked again and again while you sleep, so your breathing pauses for short times. This can cause loud snoring and tiredness during the day.',
    source: MEDLINEPLUS('sleepapnea.html'),
  },
  'chronic-pain': {
    name: 'Long-term pain',
    about:
      'This is pain that lasts for 3 months or more, or longer than it takes an injury to heal. It can affect sleep, mood and daily life.',
    source: MEDLINEPLUS('chronicpain.html'),
  },
  'allergic-rhinitis': {
    name: 'Hay fever (nose allergies)',
    about:
      'Your nose reacts to things in the air such as pollen, dust or pet dander. This can cause sneezing, a stuffy or runny nose, and itchy eyes.',
    source: MEDLINEPLUS('hayfever.html'),
  },
  'peripheral-artery-disease': {
    name: 'Narrowed blood vessels in the legs',
    about:
      'A fatty buildup narrows the blood vessels that carry blood to your legs. This can cause leg pain when you walk that eases with rest.',
    source: MEDLINEPLUS('peripheralarterialdisease.html'),
  },
};

export const PLAIN_PURPOSES: Readonly<Record<string, PlainPurpose>> = {
  biguanide: { purpose: 'to lower blood sugar', source: MEDLINEPLUS('diabetesmedicines.html') },
  insulin: { purpose: 'to lower blood sugar', source: MEDLINEPLUS('diabetesmedicines.html') },
  sulfonylurea: { purpose: 'to lower blood sugar', source: MEDLINEPLUS('diabetesmedicines.html') },
  dpp4: { purpose: 'to lower blood sugar', source: MEDLINEPLUS('diabetesmedicines.html') },
  sglt2: {
    purpose: 'to lower blood sugar and to help protect the heart and kidneys',
    source: MEDLINEPLUS('diabetesmedicines.html'),
  },
  glp1: {
    purpose: 'to lower blood sugar and to help with weight loss',
    source: MEDLINEPLUS('diabetesmedicines.html'),
  },
  'ace-inhibitor': {
    purpose: 'to lower blood pressure and to help protect the heart and kidneys',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  arb: {
    purpose: 'to lower blood pressure and to help protect the heart and kidneys',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  arni: {
    purpose: 'to help the heart work better in heart failure',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  thiazide: {
    purpose: 'to lower blood pressure and to help the body get rid of extra fluid',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  'loop-diuretic': {
    purpose: 'to help the body get rid of extra fluid',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  'k-sparing': {
    purpose: 'to lower blood pressure, to get rid of extra fluid or to help the heart and kidneys',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  mra: {
    purpose: 'to help the heart and to lower blood pressure',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  'dhp-ccb': {
    purpose: 'to lower blood pressure and to ease chest pain from the heart',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  'non-dhp-ccb': {
    purpose: 'to lower blood pressure and to slow a fast heartbeat',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  'beta-blocker': {
    purpose: 'to lower blood pressure and to help the heart',
    source: MEDLINEPLUS('bloodpressuremedicines.html'),
  },
  statin: {
    purpose: 'to lower the cholesterol in your blood',
    source: MEDLINEPLUS('statins.html'),
  },
  ezetimibe: {
    purpose: 'to lower the cholesterol in your blood',
    source: MEDLINEPLUS('cholesterolmedicines.html'),
  },
  fibrate: {
    purpose: 'to lower blood fats called triglycerides',
    source: MEDLINEPLUS('cholesterolmedicines.html'),
  },
  nitrate: {
    purpose: 'to ease or prevent chest pain from the heart',
    source: MEDLINEPLUS('angina.html'),
  },
  aspirin: {
    purpose: 'to help prevent blood clots, or to ease pain and fever',
    source: MEDLINEPLUS('bloodthinners.html'),
  },
  p2y12: { purpose: 'to help prevent blood clots', source: MEDLINEPLUS('bloodthinners.html') },
  warfarin: { purpose: 'to help prevent blood clots', source: MEDLINEPLUS('bloodthinners.html') },
  doac: { purpose: 'to help prevent blood clots', source: MEDLINEPLUS('bloodthinners.html') },
  digoxin: {
    purpose: 'to help the heart pump better and to slow a fast heartbeat',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  antiarrhythmic: {
    purpose: 'to keep the heartbeat steady',
    source: MEDLINEPLUS('arrhythmia.html'),
  },
  nsaid: { purpose: 'to ease pain and swelling', source: MEDLINEPLUS('painrelievers.html') },
  opioid: { purpose: 'to treat strong pain', source: MEDLINEPLUS('painrelievers.html') },
  acetaminophen: { purpose: 'to ease pain and fever', source: MEDLINEPLUS('painrelievers.html') },
  valproate: {
    purpose: 'to prevent seizures and to help keep mood steady',
    source: MEDLINEPLUS('epilepsy.html'),
  },
  ranolazine: {
    purpose: 'to ease chest pain from the heart',
    source: MEDLINEPLUS('angina.html'),
  },
  gabapentinoid: {
    purpose: 'to treat nerve pain and seizures',
    source: MEDLINEPLUS('druginfo/meds/a694007.html'),
  },
  lithium: {
    purpose: 'to help keep mood steady in bipolar disorder',
    source: MEDLINEPLUS('bipolardisorder.html'),
  },
  naloxone: {
    purpose: 'to undo the effects of too much of an opioid',
    source: MEDLINEPLUS('druginfo/meds/a616003.html'),
  },
  tramadol: { purpose: 'to treat pain', source: MEDLINEPLUS('painrelievers.html') },
  'calcineurin-inhibitor': {
    purpose: 'to calm the immune system, such as after an organ transplant',
    source: MEDLINEPLUS('organtransplantation.html'),
  },
  isotretinoin: { purpose: 'to treat severe acne', source: MEDLINEPLUS('acne.html') },
  methotrexate: {
    purpose: 'to treat some kinds of arthritis, some skin diseases and some cancers',
    source: MEDLINEPLUS('rheumatoidarthritis.html'),
  },
  benzodiazepine: {
    purpose: 'to ease anxiety, to help with sleep or to control seizures',
    source: MEDLINEPLUS('anxiety.html'),
  },
  'ssri-snri': {
    purpose: 'to help with depression and anxiety',
    source: MEDLINEPLUS('antidepressants.html'),
  },
  'other-antidepressant': {
    purpose: 'to treat depression, and sometimes to help with sleep',
    source: MEDLINEPLUS('antidepressants.html'),
  },
  bupropion: {
    purpose: 'to treat depression or to help people quit smoking',
    source: MEDLINEPLUS('antidepressants.html'),
  },
  buspirone: { purpose: 'to ease anxiety', source: MEDLINEPLUS('anxiety.html') },
  levothyroxine: {
    purpose: 'to replace thyroid hormone when the body makes too little',
    source: MEDLINEPLUS('hypothyroidism.html'),
  },
  antithyroid: {
    purpose: 'to lower the amount of thyroid hormone the body makes',
    source: MEDLINEPLUS('hyperthyroidism.html'),
  },
  bisphosphonate: {
    purpose: 'to make bones stronger and less likely to break',
    source: MEDLINEPLUS('osteoporosis.html'),
  },
  'bone-anabolic': {
    purpose: 'to make bones stronger and less likely to break',
    source: MEDLINEPLUS('osteoporosis.html'),
  },
  'urate-lowering': {
    purpose: 'to lower uric acid and to prevent gout attacks',
    source: MEDLINEPLUS('gout.html'),
  },
  colchicine: { purpose: 'to treat and prevent gout attacks', source: MEDLINEPLUS('gout.html') },
  saba: {
    purpose: 'to open the airways quickly when breathing gets hard',
    source: MEDLINEPLUS('asthma.html'),
  },
  ics: {
    purpose: 'to calm swelling in the airways or the nose',
    source: MEDLINEPLUS('asthma.html'),
  },
  laba: {
    purpose: 'to keep the airways open in asthma or COPD',
    source: MEDLINEPLUS('copd.html'),
  },
  lama: {
    purpose: 'to keep the airways open in COPD or asthma',
    source: MEDLINEPLUS('copd.html'),
  },
  leukotriene: {
    purpose: 'to prevent asthma attacks and to ease allergies',
    source: MEDLINEPLUS('asthma.html'),
  },
  antihistamine: {
    purpose: 'to ease allergies, such as sneezing, a runny nose and itching',
    source: MEDLINEPLUS('hayfever.html'),
  },
  iron: { purpose: 'to treat or prevent low iron', source: MEDLINEPLUS('iron.html') },
  b12: {
    purpose: 'to treat or prevent low vitamin B12',
    source: MEDLINEPLUS('vitaminb12.html'),
  },
  'vitamin-d': {
    purpose: 'to treat or prevent low vitamin D',
    source: MEDLINEPLUS('vitamind.html'),
  },
  'smoking-cessation': {
    purpose: 'to help people quit smoking',
    source: MEDLINEPLUS('quittingsmoking.html'),
  },
  'alcohol-use-therapy': {
    purpose: 'to help people cut down on or quit alcohol',
    source: MEDLINEPLUS('alcoholusedisorderaud.html'),
  },
  cilostazol: {
    purpose: 'to ease leg pain from poor blood flow when walking',
    source: MEDLINEPLUS('peripheralarterialdisease.html'),
  },
  penicillin: {
    purpose: 'to fight bacteria, the germs that cause some infections',
    source: MEDLINEPLUS('antibiotics.html'),
  },
  cephalosporin: {
    purpose: 'to fight bacteria, the germs that cause some infections',
    source: MEDLINEPLUS('antibiotics.html'),
  },
  'sulfonamide-antibiotic': {
    purpose: 'to fight bacteria, the germs that cause some infections',
    source: MEDLINEPLUS('antibiotics.html'),
  },
  nitrofurantoin: {
    purpose: 'to treat or prevent bladder infections',
    source: MEDLINEPLUS('antibiotics.html'),
  },
  potassium: {
    purpose: 'to treat or prevent low potassium',
    source: MEDLINEPLUS('potassium.html'),
  },
  tca: {
    purpose: 'to treat depression, and sometimes nerve pain or sleep problems',
    source: MEDLINEPLUS('antidepressants.html'),
  },
  triptan: { purpose: 'to treat migraine headaches', source: MEDLINEPLUS('migraine.html') },
  ppi: {
    purpose: 'to lower stomach acid and to treat heartburn and ulcers',
    source: MEDLINEPLUS('gerd.html'),
  },
};

export const PLAIN_TESTS: Readonly<Record<string, PlainTest>> = {
  hba1c: {
    name: 'Average blood sugar (HbA1c)',
    about: 'This blood test shows your average blood sugar over the past 2 to 3 months.',
    source: MEDLINEPLUS('lab-tests/hemoglobin-a1c-hba1c-test/'),
  },
  inr: {
    name: 'Blood clotting time (INR)',
    about: 'This blood test shows how long it takes your blood to form a clot.',
    source: MEDLINEPLUS('lab-tests/prothrombin-time-test-and-inr-ptinr/'),
  },
  qtc: {
    name: 'Heart rhythm timing on an ECG (QTc)',
    about:
      'This number comes from a heart tracing (ECG). It shows how long the heart takes to reset between beats.',
    source: MEDLINEPLUS('lab-tests/electrocardiogram/'),
  },
  glucose: {
    name: 'Blood sugar (glucose)',
    about: 'This test measures the amount of sugar in your blood at the time of the test.',
    source: MEDLINEPLUS('lab-tests/blood-glucose-test/'),
  },
  creatinine: {
    name: 'Creatinine in the blood',
    about:
      'This test measures a waste product from your muscles to show how well your kidneys work.',
    source: MEDLINEPLUS('lab-tests/creatinine-test/'),
  },
  egfr: {
    name: 'Kidney filtering rate (eGFR)',
    about: 'This number shows how well your kidneys filter waste out of your blood.',
    source: MEDLINEPLUS('lab-tests/glomerular-filtration-rate-gfr-test/'),
  },
  uacr: {
    name: 'Protein in the urine (UACR)',
    about:
      'This test checks your urine for albumin, a protein that can leak out when the kidneys are hurt.',
    source: MEDLINEPLUS('lab-tests/microalbumin-creatinine-ratio/'),
  },
  bun: {
    name: 'Urea nitrogen in the blood (BUN)',
    about: 'This test measures a waste product in your blood that your kidneys remove.',
    source: MEDLINEPLUS('lab-tests/bun-blood-urea-nitrogen/'),
  },
  potassium: {
    name: 'Potassium in the blood',
    about:
      'This test measures potassium, a mineral that helps your nerves, muscles and heart work.',
    source: MEDLINEPLUS('lab-tests/potassium-blood-test/'),
  },
  sodium: {
    name: 'Sodium in the blood',
    about:
      'This test measures sodium, a salt that helps keep the right amount of water in your body.',
    source: MEDLINEPLUS('lab-tests/sodium-blood-test/'),
  },
  calcium: {
    name: 'Calcium in the blood',
    about: 'This test measures calcium, a mineral that your bones, nerves, muscles and heart need.',
    source: MEDLINEPLUS('lab-tests/calcium-blood-test/'),
  },
  hemoglobin: {
    name: 'Hemoglobin in the blood',
    about: 'This test measures the protein in red blood cells that carries oxygen.',
    source: MEDLINEPLUS('lab-tests/hemoglobin-test/'),
  },
  mcv: {
    name: 'Red blood cell size (MCV)',
    about: 'This test shows the average size of your red blood cells.',
    source: MEDLINEPLUS('lab-tests/red-blood-cell-rbc-indices/'),
  },
  platelets: {
    name: 'Platelets in the blood',
    about: 'Platelets are tiny blood cells that help your blood form clots after a cut.',
    source: MEDLINEPLUS('lab-tests/platelet-tests/'),
  },
  wbc: {
    name: 'White blood cell count',
    about:
      'This test counts the white blood cells in your blood, which help your body fight germs.',
    source: MEDLINEPLUS('lab-tests/white-blood-count-wbc/'),
  },
  ldl: {
    name: "LDL, the 'bad' cholesterol",
    about: 'LDL is the kind of cholesterol that can build up in the walls of your blood vessels.',
    source: MEDLINEPLUS('lab-tests/cholesterol-levels/'),
  },
  hdl: {
    name: "HDL, the 'good' cholesterol",
    about: 'HDL is the kind of cholesterol that helps clear extra cholesterol from your blood.',
    source: MEDLINEPLUS('lab-tests/cholesterol-levels/'),
  },
  'total-cholesterol': {
    name: 'Total cholesterol in the blood',
    about: 'This test adds up all the kinds of cholesterol in your blood.',
    source: MEDLINEPLUS('lab-tests/cholesterol-levels/'),
  },
  triglycerides: {
    name: 'Triglycerides (a blood fat)',
    about: 'Triglycerides are a type of fat in your blood that your body uses for energy.',
    source: MEDLINEPLUS('lab-tests/triglycerides-test/'),
  },
  alt: {
    name: 'Liver enzyme (ALT)',
    about:
      'ALT is found mostly in the liver, and it leaks into the blood when liver cells are hurt.',
    source: MEDLINEPLUS('lab-tests/alt-blood-test/'),
  },
  ast: {
    name: 'Liver enzyme (AST)',
    about:
      'AST is found in the liver and in muscles, and it leaks into the blood when they are hurt.',
    source: MEDLINEPLUS('lab-tests/ast-test/'),
  },
  bilirubin: {
    name: 'Bilirubin in the blood',
    about:
      'Bilirubin is a yellow substance made when old red blood cells break down, and the liver clears it from the blood.',
    source: MEDLINEPLUS('lab-tests/bilirubin-blood-test/'),
  },
  albumin: {
    name: 'Albumin (a blood protein)',
    about:
      'Albumin is a protein made by the liver that helps keep fluid inside your blood vessels.',
    source: MEDLINEPLUS('lab-tests/albumin-blood-test/'),
  },
  tsh: {
    name: 'Thyroid test (TSH)',
    about: 'TSH is a hormone that tells your thyroid gland how much thyroid hormone to make.',
    source: MEDLINEPLUS('lab-tests/tsh-thyroid-stimulating-hormone-test/'),
  },
  ntprobnp: {
    name: 'Heart strain test (NT-proBNP)',
    about: 'This blood test measures a substance the heart puts out when it has to work too hard.',
    source: MEDLINEPLUS('lab-tests/natriuretic-peptide-tests-bnp-nt-probnp/'),
  },
  bnp: {
    name: 'Heart strain test (BNP)',
    about: 'This blood test measures a substance the heart puts out when it has to work too hard.',
    source: MEDLINEPLUS('lab-tests/natriuretic-peptide-tests-bnp-nt-probnp/'),
  },
  troponin: {
    name: 'Heart muscle test (troponin)',
    about: 'Troponin is a protein that leaks into the blood when the heart muscle is hurt.',
    source: MEDLINEPLUS('lab-tests/troponin-test/'),
  },
  lvef: {
    name: 'How well the heart pumps (ejection fraction)',
    about: 'This number shows how much of the blood in your heart is pumped out with each beat.',
    source: MEDLINEPLUS('heartfailure.html'),
  },
  ferritin: {
    name: 'Iron stored in the body (ferritin)',
    about:
      'Ferritin is a protein that stores iron, so its level shows how much iron your body has saved.',
    source: MEDLINEPLUS('lab-tests/ferritin-blood-test/'),
  },
  'transferrin-saturation': {
    name: 'Iron carried in the blood',
    about:
      'This test shows how much of the protein that carries iron in your blood is filled with iron.',
    source: MEDLINEPLUS('lab-tests/iron-tests/'),
  },
  'uric-acid': {
    name: 'Uric acid in the blood',
    about: 'Uric acid is a waste product in your blood, and high levels can lead to gout.',
    source: MEDLINEPLUS('lab-tests/uric-acid-test/'),
  },
  'vitamin-d': {
    name: 'Vitamin D in the blood',
    about: 'This test shows how much vitamin D your body has, which you need for strong bones.',
    source: MEDLINEPLUS('lab-tests/vitamin-d-test/'),
  },
  'fev1-fvc': {
    name: 'Breathing test (FEV1/FVC)',
    about:
      'This test compares how much air you can blow out in one second with how much you can blow out in all.',
    source: MEDLINEPLUS('lab-tests/lung-function-tests/'),
  },
  tscore: {
    name: 'Bone density score (T-score)',
    about:
      'This score from a bone scan compares how strong your bones are with those of a healthy young adult.',
    source: MEDLINEPLUS('lab-tests/bone-density-scan/'),
  },
  sbp: {
    name: 'Blood pressure, top number (systolic)',
    about: 'This is the pressure in your blood vessels when your heart beats.',
    source: MEDLINEPLUS('highbloodpressure.html'),
  },
  dbp: {
    name: 'Blood pressure, bottom number',
    about: 'This is the pressure in your blood vessels when your heart rests between beats.',
    source: MEDLINEPLUS('highbloodpressure.html'),
  },
  'heart-rate': {
    name: 'Heart rate (pulse)',
    about: 'This is how many times your heart beats in one minute.',
    source: MEDLINEPLUS('ency/article/003399.htm'),
  },
  'respiratory-rate': {
    name: 'Breathing rate',
    about: 'This is how many times you breathe in one minute.',
    source: MEDLINEPLUS('ency/article/002341.htm'),
  },
  spo2: {
    name: 'Oxygen level in the blood',
    about:
      'This shows how full of oxygen your blood is, often measured with a clip on your finger.',
    source: MEDLINEPLUS('lab-tests/pulse-oximetry/'),
  },
  temperature: {
    name: 'How warm your body is (temperature)',
    about: 'This shows how warm your body is, and a high reading is called a fever.',
    source: MEDLINEPLUS('ency/article/001982.htm'),
  },
  weight: {
    name: 'Body weight',
    about: 'This is how heavy you are.',
    source: MEDLINEPLUS('ency/article/007196.htm'),
  },
  height: {
    name: 'Height',
    about: 'This is how tall you are.',
    source: MEDLINEPLUS('ency/article/007196.htm'),
  },
  bmi: {
    name: 'Body mass index (BMI)',
    about: 'This number uses your height and weight to show if your weight is in a healthy range.',
    source: MEDLINEPLUS('ency/article/007196.htm'),
  },
  'bmi-percentile': {
    name: 'BMI for age (percentile)',
    about: "This compares a child's BMI with the BMI of other children of the same age and sex.",
    source: MEDLINEPLUS('ency/article/007196.htm'),
  },
};

export const PLAIN_CHECKS: Readonly<Record<string, PlainCheck>> = {
  'diabetes-hba1c': {
    ask: 'An average blood sugar test (HbA1c)',
    why: 'This test shows how your blood sugar has been over the past few months. For people with diabetes, it is usually done at least twice a year.',
    source: 'ADA, Standards of Care in Diabetes (2025)',
  },
  'diabetes-uacr': {
    ask: 'A urine test for kidney health',
    why: 'Diabetes can harm the kidneys over time. A yearly urine test can find kidney changes early, when they are easier to treat.',
    source: 'ADA, Standards of Care in Diabetes (2025)',
  },
  'diabetes-egfr': {
    ask: 'A blood test of how well your kidneys work',
    why: 'Diabetes can affect the kidneys over time. A yearly blood test shows how well they filter your blood, so changes are found early.',
    source: 'ADA, Standards of Care in Diabetes (2025)',
  },
  'ckd-uacr': {
    ask: 'A urine test for kidney health',
    why: 'A yearly urine test shows whether protein is leaking from your kidneys. It helps your care team keep track of your kidney health.',
    source: 'KDIGO, Clinical Practice Guideline for CKD (2024)',
  },
  'ckd-egfr': {
    ask: 'A blood test of how well your kidneys work',
    why: 'A yearly blood test shows how well your kidneys filter your blood. It helps your care team see if anything has changed.',
    source: 'KDIGO, Clinical Practice Guideline for CKD (2024)',
  },
  'hypertension-bp': {
    ask: 'A blood pressure check',
    why: 'Regular checks show whether your blood pressure is in a healthy range. Blood pressure in a healthy range protects your heart, brain and kidneys.',
    source: 'ACC/AHA, Guideline for High Blood Pressure in Adults (2017)',
  },
  'lipid-screening': {
    ask: 'A blood test for cholesterol',
    why: 'This test checks the fats in your blood. Along with other facts about your health, it helps show your chance of heart disease and stroke.',
    source: 'ACC/AHA, Guideline on the Management of Blood Cholesterol (2018)',
  },
  'diabetes-screening': {
    ask: 'A blood sugar test for diabetes',
    why: 'High blood sugar often has no signs at first. A blood test can find it early, when changes in daily habits can help the most.',
    source: 'USPSTF, Prediabetes and Type 2 Diabetes: Screening (2021)',
  },
  'colorectal-screening': {
    ask: 'A test for colon cancer',
    why: 'Tests can find colon cancer early, when it is easier to treat.',
    source: 'USPSTF, Colorectal Cancer: Screening (2021)',
  },
  'osteoporosis-screening': {
    ask: 'A bone density scan',
    why: 'This quick scan shows how strong your bones are. It can find thin bones before a bone breaks.',
    source: 'USPSTF, Osteoporosis to Prevent Fractures: Screening (2018)',
  },
  'depression-screening': {
    ask: 'A few questions about your mood',
    why: 'Depression is common and can be treated. A short set of questions helps your care team notice it and offer support.',
    source:
      'USPSTF, Depression in Adults: Screening (2023); Depression in Children and Adolescents: Screening (2022)',
  },
  'breast-screening': {
    ask: 'A mammogram to check for breast cancer',
    why: 'A mammogram is an X-ray of the breast. It can find breast cancer early, when it is easier to treat.',
    source: 'USPSTF, Breast Cancer: Screening (2024)',
  },
  'cervical-screening': {
    ask: 'A test for cervical cancer',
    why: 'A Pap test or an HPV test can find changes in the cervix before they turn into cancer. Changes found early are easier to treat.',
    source: 'USPSTF, Cervical Cancer: Screening (2018)',
  },
  'lung-screening': {
    ask: 'A scan to check for lung cancer',
    why: 'A low-dose CT scan can find lung cancer early, when it is easier to treat. It is offered to some adults who smoke or used to smoke.',
    source: 'USPSTF, Lung Cancer: Screening (2021)',
  },
  'aaa-screening': {
    ask: 'An ultrasound of the main blood vessel in your belly',
    why: 'This painless scan looks for a bulge in the large blood vessel in your belly. If a bulge is found early, your care team can watch it or treat it.',
    source: 'USPSTF, Abdominal Aortic Aneurysm: Screening (2019)',
  },
  'hcv-screening': {
    ask: 'A blood test for hepatitis C',
    why: 'Hepatitis C is a virus that can harm the liver for years without signs. A blood test can find it, and most people can be cured.',
    source: 'USPSTF, Hepatitis C Virus Infection: Screening (2020)',
  },
  'hiv-screening': {
    ask: 'A blood test for HIV',
    why: 'Many people with HIV do not know they have it. A test at least once helps people get care early, which helps them stay healthy.',
    source: 'USPSTF, HIV Infection: Screening (2019)',
  },
  'diabetes-eye-exam': {
    ask: 'An eye exam for diabetes',
    why: 'Diabetes can harm the back of the eye without any signs at first. A regular eye exam can find changes early, before they affect your sight.',
    source: 'ADA, Standards of Care in Diabetes (2025)',
  },
  'diabetes-foot-exam': {
    ask: 'A yearly foot exam for diabetes',
    why: 'Diabetes can lower feeling and blood flow in the feet. A yearly check can find problems like sores early, when they are easier to treat.',
    source: 'ADA, Standards of Care in Diabetes (2025)',
  },
  'pneumococcal-vaccine': {
    ask: 'A shot to help prevent pneumonia',
    why: 'This shot helps protect you from a germ that can cause serious lung and blood infections.',
    source: 'CDC ACIP, Adult Pneumococcal Vaccine Recommendations (2024)',
  },
  'zoster-vaccine': {
    ask: 'A shingles shot',
    why: 'Shingles is a painful rash caused by the chickenpox virus waking up later in life. Two doses of the shot give strong protection.',
    source: 'CDC ACIP, Recombinant Zoster Vaccine Recommendations (2018)',
  },
  'rsv-vaccine': {
    ask: 'An RSV shot',
    why: 'RSV is a common virus that can make older adults very sick. One dose of the shot helps protect you.',
    source: 'CDC ACIP, RSV Vaccines in Adults 60 and Over (2024)',
  },
  'rsv-vaccine-at-risk': {
    ask: 'An RSV shot',
    why: 'RSV is a common virus. It can make people with heart, lung or other long-term health problems very sick. One dose of the shot helps protect you.',
    source: 'CDC ACIP, RSV Vaccines in Adults 60 and Over (2024)',
  },
  'td-booster': {
    ask: 'A tetanus booster shot',
    why: 'Tetanus is an infection that can get in through a cut or wound. A booster every 10 years keeps your protection up.',
    source: 'CDC ACIP, Adult Immunization Schedule (2024)',
  },
  'influenza-vaccine': {
    ask: 'A flu shot',
    why: 'The flu can make people very sick, most of all older adults and people with other health problems. A flu shot each year lowers the chance of getting sick.',
    source: 'CDC ACIP, Influenza Recommendations (2024-25)',
  },
};
