import { describe, it, expect } from 'vitest';
import { defaultNcmTablePath, isInForce, loadDefaultEngine, loadNcmTableFromFile, type ScoringTuning } from '../src/index.js';

function requireSharedTable(): string {
  const tablePath = defaultNcmTablePath();
  if (!tablePath) {
    throw new Error('Shared NCM table missing: expected ../shared/data/ncm/ncm.json beside the repository (or set NEXA_SHARED_DATA_DIR)');
  }
  return tablePath;
}

describe('engine on the real NCM table', () => {
  const tablePath = requireSharedTable();
  const table = loadNcmTableFromFile(tablePath);
  const engine = loadDefaultEngine({ tablePath });
  const inForce = new Set(table.entries.filter((e) => e.code.length === 8 && isInForce(e)).map((e) => e.code));
  /** An engine reading as before one change (its tuning switch off), built once per switch for every row that needs it. */
  const formerEngines = new Map<string, ReturnType<typeof loadDefaultEngine>>();
  const formerEngine = (tuning: Partial<ScoringTuning>) => {
    const key = JSON.stringify(tuning);
    let former = formerEngines.get(key);
    if (!former) formerEngines.set(key, (former = loadDefaultEngine({ tablePath, tuning })));
    return former;
  };

  it('names a candidate whose own text says nothing alone ("Outros") by its nearest ancestor that does', () => {
    const { candidates } = engine.classify({ partnumber: 'REAL-OUTROS', description: 'rolamento rígido de esferas' });
    expect(candidates.find((candidate) => candidate.code === '84821090')?.description).toBe('Rolamentos de esferas — Outros');
    expect(candidates.filter((candidate) => /^outr[oa]s$/i.test(candidate.description))).toEqual([]);
  });

  it('parses the whole table', () => {
    expect(table.entries.length).toBeGreaterThan(15_000);
    expect(table.entries.filter((e) => e.code.length === 8)).toHaveLength(10_504);
    expect(engine.size).toBe(inForce.size);
  });

  it.each([
    ['capacitor eletrolítico 100uF', '8532'],
    ['rolamento 6205-2RS', '8482'],
    ['parafuso sextavado M8x30 aço zincado', '7318'],
    ['cabo flexível 2,5mm² 750V', '8544'],
  ])('classifies "%s" into heading %s', (description, heading) => {
    const result = engine.classify({ partnumber: 'REAL-1', description });
    expect(result.candidates).toHaveLength(5);
    expect(result.candidates[0]?.code.slice(0, 4)).toBe(heading);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    for (const candidate of result.candidates) {
      expect(inForce.has(candidate.code)).toBe(true);
      expect(candidate.path.length).toBeGreaterThan(candidate.description.length);
    }
  });

  it.each([
    ['tapered roller bearing', '848220'],
    ['rodamiento de bolas', '848210'],
    ['frozen shrimp', '0306'],
    ['spark plug', '851110'],
  ])('matches English and Spanish descriptions through Comex Stat / HS 2022 text: "%s" → %s', (description, prefix) => {
    const result = engine.classify({ partnumber: 'REAL-EN', description });
    expect(result.candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['porcelanato polido 60x60', '6907', 'ladrilhos e placas'],
    ['vergalhão CA-50 10 mm', '7214', 'barras de ferro ou aço dentadas'],
    ['batom matte vermelho', '3304', 'maquiagem para os lábios'],
    ['achocolatado em pó 400 g', '1806', 'contendo cacau'],
    ['trena 5 m', '9017', 'fitas métricas'],
    ['coleira para cães', '4201', 'artigos de seleiro'],
    ['mussarela fatiada', '0406', 'queijos'],
    ['bieleta dianteira', '8708', 'sistemas de suspensão'],
    ['vaso sanitário com caixa acoplada de louça', '6910', 'usos sanitários'],
    ['massinha de modelar 12 cores', '3407', 'massas de modelar'],
    ['nobreak 1200 VA', '8504', 'conversores estáticos'],
    ['power bank 10000 mAh', '8507', 'acumuladores elétricos'],
    ['camisinha lubrificada', '4014', 'preservativos'],
    ['motosserra a gasolina', '8467', 'serras de corrente'],
    ['prancha alisadora de cabelo', '8516', 'arranjos do cabelo'],
    ['videogame portátil', '9504', 'jogos de vídeo'],
    ['fluido de freio DOT 4 500 ml', '3819', 'líquidos para freios hidráulicos'],
    ['halter emborrachado 5 kg', '9506', 'cultura física'],
    ['saco de lixo 100 litros', '3923', 'polímeros de etileno'],
    ['velocímetro digital para moto', '9029', 'indicadores de velocidade'],
    ['brigadeiro gourmet', '1806', 'contendo cacau'],
    ['miojo sabor galinha', '1902', 'massas alimentícias'],
    ['picles de pepino', '2001', 'conservados em vinagre'],
    ['timer digital de tomada', '9107', 'interruptores horários'],
    ['fio de solda 1 mm', '8311', 'fios revestidos interiormente para soldar'],
    ['bota de segurança com bico de aço', '6403', 'biqueira protetora'],
    ['detector de fumaça 9V', '8531', 'alarme contra incêndio'],
    ['peitoril de granito', '6802', 'pedras de cantaria'],
    ['cabo de cobre nu 16 mm2', '7413', 'de cobre não isolados'],
    ['rádio automotivo com bluetooth', '8527', 'veículos automóveis'],
    ['vape descartável', '8543', 'cigarros eletrônicos'],
    ['aromatizador de ambientes', '3307', 'perfumar ou desodorizar ambientes'],
    ['insulfilm G20', '3919', 'formas planas autoadesivas'],
    ['flanela de algodão', '6307', 'panos para limpeza'],
    ['ácido muriático 1 litro', '2806', 'ácido clorídrico'],
    ['Becker de vidro borossilicato 250 ml', '7017', 'artigos para laboratório'],
  ])('reads everyday retail names the table does not use: "%s" → %s', (description, heading, wording) => {
    const result = engine.classify({ partnumber: 'REAL-RETAIL', description });
    expect(result.candidates[0]?.code.slice(0, 4)).toBe(heading);
    expect(result.justification).toContain(wording);
  });

  it.each([
    ['RES SMD 10K 1% 0402', '8533', 'resistências'],
    ['CONN HEADER 10POS 2.54MM', '8536', 'conectores'],
    ['indutor 10uH', '8504', 'auto-indução'],
    ['fonte chaveada 24V 5A', '8504', 'conversores estáticos'],
    ['mangueira hidraulica 1/2 SAE 100R2', '4009', 'borracha vulcanizada'],
  ])('reads the words and abbreviations of electronic and industrial parts lists: "%s" → %s', (description, heading, wording) => {
    const result = engine.classify({ partnumber: 'REAL-PARTS', description });
    expect(result.candidates.slice(0, 3).map((c) => c.code.slice(0, 4))).toContain(heading);
    expect(result.justification).toContain(wording);
  });

  it.each([
    ['Chave fim de curso com rolete', '853650'],
    ['Chave seletora 3 posições', '853650'],
    ['Sensor indutivo de proximidade M12 PNP', '853650'],
    ['Botão de comando pulsador verde 22mm', '853650'],
    ['Chave combinada 13mm cromo vanádio', '82041100'],
    ['Chave inglesa 10"', '82041200'],
    ['Transmissor de pressão 4-20mA 0-10 bar', '902620'],
    ['Medidor de vazão eletromagnético DN50', '902610'],
    ['Controlador lógico programável CLP CPU 1214C', '85371020'],
    ['Switch ethernet 8 portas gigabit', '85176234'],
    ['Anel O-ring NBR 70 6,07x1,78', '40169300'],
    ['Selante de silicone acético 280g', '32141010'],
    ['Abraçadeira de nylon 200x4,8mm', '3926'],
    ['Parafuso allen cabeça cilíndrica aço 8.8 M8x30', '7318'],
    ['Motor de partida 12V', '85114000'],
    ['Motorredutor 0,5cv 1:30', '8501'],
    ['Servo drive 750W', '850440'],
    ['Reator eletrônico para lâmpada fluorescente', '85041000'],
    ['Monitor LED 24 polegadas', '8528'],
    ['Filme stretch para paletização', '392010'],
    ['Disco de corte para metal 7"', '6804'],
    ['Luva de nitrila descartável', '4015'],
    ['HD externo 2TB USB 3.0', '847170'],
    ['Carrinho de mão', '87168000'],
    ['Chave táctil 6x6mm', '853650'],
    ['Chave gangorra 2 posições', '853650'],
    ['Micro servo motor 9g', '8501'],
    ['Cooler ventoinha 40mm 5V', '8414'],
    ['Solda em fio estanho chumbo 0,8mm', '8311'],
    ['Bateria automotiva 60Ah chumbo ácido', '850710'],
    ['Dispositivo de proteção contra surtos 275V', '853630'],
    ['Medidor de energia elétrica trifásico', '902830'],
    ['Radiador de arrefecimento do motor', '87089100'],
  ])('reads a trade name whose words mean something else on their own as the goods it names: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-PHRASE', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['CAP ALUM 470UF 20% 25V RADIAL', '853222'],
    ['RES 10K OHM 1% 1/4W AXIAL', '8533'],
    ['FUSE BOARD MNT 500MA 63VAC', '853610'],
    ['TRANS NPN 40V 0.2A SOT23', '8541'],
    ['CBL RIBBON 10COND 0.050 GRAY 100FT', '8544'],
    ['FIXED IND 10UH 3A 40 MOHM SMD', '8504'],
    ['OPTOISOLATOR TRANS OUT 4DIP', '8541'],
    ['RF TXRX MOD WIFI TRACE ANT SMD', '8517'],
    ['BATTERY LITHIUM 3V COIN 20MM', '8506'],
    ['TERM BLOCK 2POS 5.08MM PCB', '8536'],
  ])('reads the category abbreviations of electronics distributors\' lines: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-DISTRIBUTOR', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['Hex head cap screw zinc plated steel M10 x 40', '7318'],
    ['Hex nut nylon insert lock nut M12', '731816'],
    ['Pillow block bearing unit UCP205', '848320'],
    ['Timing belt pulley aluminum 20 teeth', '8483'],
    ['Roller chain sprocket steel 40B20', '8483'],
    ['Hard hat type 1 class E', '650610'],
    ['Safety glasses clear anti-fog', '90049020'],
    ['LED high bay light 150W', '9405'],
    ['Digital caliper 6 inch stainless', '90173020'],
  ])('reads English names of mechanical and safety goods whose words alone point elsewhere: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-ENGLISH', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['Socket set 1/2 drive', '820420'],
    ['Electrical panel with circuit breakers', '8537'],
    ['Pneumatic tubing polyurethane 8mm', '3917'],
    ['USB flash drive 32GB', '852351'],
    ['External hard drive 2TB USB', '8471'],
    ['Variable frequency drive 5.5kW', '850440'],
    ['Clamp meter AC/DC', '9030'],
    ['Angle grinder 115mm 800W', '8467'],
    ['Impact wrench pneumatic 1/2', '8467'],
    ['Hose clamp stainless 20-32mm', '7326'],
    ['Steel cable clamp 1/4', '7326'],
    ['Cable gland PG9 plastic', '8536'],
    ['Extension cord 10m', '854442'],
    ['Wire stripper tool', '8203'],
    ['Emergency light LED', '9405'],
    ['Fuel hose 8mm', '4009'],
  ])('reads English names of tools, panels, drives and tubing whose words alone point elsewhere: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-ENGLISH-2', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['Ball valve stainless steel 1/2 inch', '8481'],
    ['Hex bolt stainless steel M10x40', '7318'],
    ['Spiral wound gasket stainless steel 2 inch', '8484'],
  ])('weighs the material of "%s" below the goods it names (→ %s), not as the steel products of chapter 72', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-MATERIAL', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
    const former = formerEngine({ materialWeight: 1 });
    expect(former.classify({ partnumber: 'REAL-MATERIAL-FORMER', description }).candidates[0]?.code.slice(0, 2)).toMatch(/^7[23]$/);
  });

  it.each([
    ['Arruela de pressão M10', '73182100', '74152100'],
    ['Socket head cap screw M8x25', '73181500', '74153300'],
  ])('takes hardware whose metal goes unsaid for iron or steel: "%s" → %s (formerly the copper %s)', (description, code, formerCode) => {
    expect(engine.classify({ partnumber: 'REAL-UNNAMED-METAL', description }).candidates[0]?.code).toBe(code);
    const former = formerEngine({ otherMetalPenalty: 1 });
    expect(former.classify({ partnumber: 'REAL-UNNAMED-METAL-FORMER', description }).candidates[0]?.code).toBe(formerCode);
  });

  it.each([
    ['Hex nut brass M5', '74153300', '73181600'],
    ['Codo de latón 1/2"', '74122000', '73072200'],
    ['Rebite de alumínio 4x10', '76161000', '73182300'],
  ])('takes hardware of a non-ferrous metal the description names for goods of that metal: "%s" → %s (formerly the steel %s)', (description, code, formerCode) => {
    expect(engine.classify({ partnumber: 'REAL-NAMED-METAL', description }).candidates[0]?.code).toBe(code);
    const former = formerEngine({ otherMetalPenalty: 1 });
    expect(former.classify({ partnumber: 'REAL-NAMED-METAL-FORMER', description }).candidates[0]?.code).toBe(formerCode);
  });

  it('reads a metal that is only a finish as no metal of the goods: zinc-plated screws are steel screws', () => {
    expect(engine.classify({ partnumber: 'REAL-PLATED-METAL', description: 'Hex head cap screw zinc plated M10 x 40' }).candidates[0]?.code).toBe('73181500');
  });

  it.each([
    ['Tornillo hexagonal acero inoxidable M10', '73181500'],
    ['Tuerca hexagonal M8 acero galvanizado', '73181600'],
  ])('reads Spanish fasteners and their steel as Portuguese ones: "%s" → %s', (description, code) => {
    expect(engine.classify({ partnumber: 'REAL-SPANISH-FASTENER', description }).candidates[0]?.code).toBe(code);
  });

  it.each([
    ['relé 24V', '85364100'],
    ['Relé 12V 10A 5 pinos automotivo', '85364100'],
  ])('reads an "Outros" code as what its siblings\' thresholds leave: "%s" → %s, not "Outros" (relays above 60 V)', (description, code) => {
    expect(engine.classify({ partnumber: 'REAL-RESIDUAL-QUANTITY', description }).candidates[0]?.code).toBe(code);
    const former = formerEngine({ residualQuantityComplement: false });
    expect(former.classify({ partnumber: 'REAL-RESIDUAL-QUANTITY-FORMER', description }).candidates[0]?.code).toBe('85364900');
  });

  it('does not offer waste or scrap codes for goods the description says nothing of the condition of', () => {
    const description = 'Bateria 12V 7Ah selada chumbo ácido';
    expect(engine.classify({ partnumber: 'REAL-CONDITION-1', description }).candidates[0]?.code.slice(0, 4)).toBe('8507');
    const former = formerEngine({ unstatedConditionPenalty: 1 });
    expect(former.classify({ partnumber: 'REAL-CONDITION-2', description }).candidates[0]?.code.slice(0, 4)).toBe('8549');
    for (const scrap of ['Sucata de baterias de chumbo ácido', 'Chatarra de baterías de plomo']) {
      expect(engine.classify({ partnumber: 'REAL-CONDITION-3', description: scrap }).candidates[0]?.code.slice(0, 4)).toBe('8549');
    }
  });

  it.each([
    ['Bateria de lítio 18650 3,7V', '85076000'],
    ['Inversor de tensão 12V para 220V 1000W', '850440'],
    ['Cabo de aço 8mm', '7312'],
    ['Esteira transportadora de correia', '8428'],
    ['Conveyor belt rubber EP200 800mm', '4010'],
    ['Relógio inteligente smartwatch', '8517'],
    ['Drone com câmera', '8806'],
    ['Frigobar 120 litros', '8418'],
    ['Relógio de pulso analógico', '91'],
    ['Fluxostato para água', '902610'],
    ['Steel shelving rack 5 shelves', '9403'],
    ['Tinta acrílica fosca 18 litros', '320910'],
    ["Caixa d'água de polietileno 1000 litros", '39251000'],
    ['MICROSD CARD 32GB CLASS 10', '8523'],
    ['MODULE DDR4 8GB SODIMM', '84733042'],
    ['IC EEPROM 256KBIT I2C 8SOIC', '854232'],
  ])('reads trade names the table does not use: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-TRADE-NAMES', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['cabo de cobre 2,5mm²', '85444900'],
    ['fio de cobre 1,5mm²', '85444900'],
    ['Cabo 2,5mm²', '85444900'],
    ['Cable 18 AWG 2 conductores', '85444900'],
    ['Magnet wire 28 AWG enamelled copper', '85441100'],
  ])('reads a conductor by its cross-section as low-voltage wire, and winding wire by its name: "%s" → %s', (description, code) => {
    expect(engine.classify({ partnumber: 'REAL-CONDUCTOR', description }).candidates[0]?.code).toBe(code);
  });

  it.each([
    ['Panela de alumínio 24cm', '76151000'],
    ['Panela de aço inox 20cm', '73239300'],
  ])('offers the kitchenware of the metal a pan is made of: "%s" → %s among the candidates', (description, code) => {
    expect(engine.classify({ partnumber: 'REAL-PAN', description }).candidates.map((candidate) => candidate.code)).toContain(code);
  });

  it('reads "macacão" (overalls) as a garment, not as "macaco" (a jack)', () => {
    expect(engine.classify({ partnumber: 'REAL-MACACAO', description: 'Macacão descartável de proteção' }).candidates[0]?.code.slice(0, 2)).toMatch(/^6[12]$/);
    expect(engine.classify({ partnumber: 'REAL-MACACO', description: 'Macaco hidráulico 2 toneladas' }).candidates[0]?.code.slice(0, 4)).toBe('8425');
  });

  it('reads a material word opening a Portuguese "X de Y" as the goods: "ferro de passar" is a smoothing iron', () => {
    expect(engine.classify({ partnumber: 'REAL-MATERIAL-HEAD', description: 'Ferro de passar roupa' }).candidates[0]?.code.slice(0, 4)).toBe('8516');
  });

  it('still reads a material that is all the description names: "stainless steel" alone is a stainless-steel product', () => {
    const [top] = engine.classify({ partnumber: 'REAL-MATERIAL-ONLY', description: 'stainless steel' }).candidates;
    expect(top?.code.slice(0, 2)).toMatch(/^7[23]$/);
    expect(top?.description).toMatch(/inoxid/i);
  });

  it('keeps the material\'s weight beside a shape it is traded in: galvanized steel wire is steel wire, not an electric conductor', () => {
    expect(engine.classify({ partnumber: 'REAL-MATERIAL-FORM', description: 'Galvanized steel wire 2mm' }).candidates[0]?.code.slice(0, 2)).toMatch(/^7[23]$/);
  });

  it('reads a unit written after its number ("0-10 bar") as a spec, not as a word of the table', () => {
    // As a word, "bar" meets the bars of chapter 72: "Fio-máquina de aço inoxidável", "barras".
    const description = 'Pressure gauge stainless steel 0-10 bar';
    expect(engine.classify({ partnumber: 'REAL-UNIT-1', description }).candidates[0]?.code.slice(0, 4)).toBe('9026');
    const former = loadDefaultEngine({ tablePath, tuning: { measurementsAsTerms: true } });
    expect(former.classify({ partnumber: 'REAL-UNIT-2', description }).candidates[0]?.code.slice(0, 2)).toBe('72');
  });

  it.each([
    ['Geladeira frost free 400 litros', '8418', '02'],
    ['Contator tripolar 25A bobina 220V', '8536', '8504'],
    ['Thermocouple type K', '9025', '9032'],
  ])('reads a head noun the table never uses through its alias, as the head: "%s" → %s (formerly %s)', (description, prefix, formerPrefix) => {
    expect(engine.classify({ partnumber: 'REAL-HEAD-ALIAS', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
    const former = formerEngine({ headThroughAlias: false });
    expect(former.classify({ partnumber: 'REAL-HEAD-ALIAS-FORMER', description }).candidates[0]?.code.startsWith(formerPrefix)).toBe(true);
  });

  it('counts a word read through an alias as found in a code holding the alias\'s head word, in the confidence and the justification', () => {
    const description = 'Geladeira frost free 400 litros';
    const result = engine.classify({ partnumber: 'REAL-ALIAS-MATCH', description });
    expect(result.candidates[0]?.code.slice(0, 4)).toBe('8418');
    expect(result.justification).toMatch(/Matched terms: [^.]*geladeir/);
    const former = loadDefaultEngine({ tablePath, tuning: { aliasWordsMatch: false } }).classify({ partnumber: 'REAL-ALIAS-MATCH-FORMER', description });
    expect(former.candidates[0]?.code).toBe(result.candidates[0]?.code);
    expect(former.confidence).toBe(0);
    expect(result.confidence).toBeGreaterThan(0);
  });

  it('gives a description the same confidence with or without a word no code could hold (a brand or model name)', () => {
    const plain = engine.classify({ partnumber: 'REAL-SHARE-1', description: 'Rolamento de esferas 6205' });
    const branded = engine.classify({ partnumber: 'REAL-SHARE-2', description: 'Rolamento de esferas 6205 Qwzxv' });
    expect(branded.candidates[0]?.code).toBe(plain.candidates[0]?.code);
    expect(plain.confidence).toBeGreaterThan(0);
    expect(branded.confidence).toBe(plain.confidence);
  });

  it.each([
    ['Fonte de alimentação 24V 5A', '850440'],
    ['Fonte de alimentação para notebook', '850440'],
  ])('reads "fonte de alimentação" as a power supply, not as the computer cases "com fonte de alimentação": "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-PSU', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['Fuente de alimentación 24V 5A', '8504'],
    ['Llave inglesa 10 pulgadas', '820412'],
    ['Cinta métrica 5 m', '9017'],
    ['Batería de auto 12V 60Ah', '8507'],
  ])('reads Spanish trade names as their Portuguese ones: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-SPANISH', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it('reads a Spanish "arandela" as a washer, not as the Portuguese wall light', () => {
    const codes = engine.classify({ partnumber: 'REAL-SPANISH-WASHER', description: 'Arandela plana M8' }).candidates.map((c) => c.code);
    expect(codes[0]?.slice(0, 2)).not.toBe('94');
    expect(codes.some((code) => code.startsWith('7318'))).toBe(true);
  });

  it('reads "manguera" as "mangueira"', () => {
    const codesOf = (description: string) => new Set(engine.classify({ partnumber: 'REAL-SPANISH-HOSE', description }).candidates.map((c) => c.code));
    expect(codesOf('Manguera de PVC 1/2')).toEqual(codesOf('Mangueira de PVC 1/2'));
  });

  it('says in the justification how it read a trade phrase', () => {
    const { justification } = engine.classify({ partnumber: 'REAL-PHRASE-WHY', description: 'Transmissor de pressão 4-20mA' });
    expect(justification).toContain('instrumentos para medida ou controle da pressão');
  });

  it.each([
    ['GRM188R71H104KA93D', '853224'],
    ['CL10B104KB8NNNC', '853224'],
    ['C0603C104K5RACTU', '853224'],
    ['RC0603FR-0710KL', '853321'],
    ['CRCW060310K0FKEA', '853321'],
    ['NE555P', '8542'],
    ['3RT2015-1BB41', '853649'],
    ['CWM9-10-30V26', '853649'],
    ['GV2ME10', '853620'],
    ['5SL6116-7', '853620'],
    ['6ES7214-1AG40-0XB0', '85371020'],
    ['TM221CE16R', '85371020'],
    ['CFW500A07P0T4', '850440'],
    ['ATV320U07N4C', '850440'],
    ['XB4BA31', '853650'],
    ['E2E-X5ME1', '853650'],
    ['G5LE-1 DC12', '8536'],
    ['DSNU-25-100-PPV-A', '841231'],
    ['CQ2B32-20DZ', '841231'],
    ['SY5120-5DZ-01', '848180'],
  ])('classifies a bare partnumber of a known maker series: %s → %s', (partnumber, prefix) => {
    const result = engine.classify({ partnumber });
    expect(result.candidates[0]?.code.startsWith(prefix)).toBe(true);
    expect(result.needsReview).toBe(true);
  });

  it.each([
    ['CAP CER 0.1UF 50V X7R 0603', '853224'],
    ['COMPARATOR DUAL SOIC-8', '8542'],
    ['MOSFET N-CH 60V 30A TO-220', '8541'],
  ])('reads package and dielectric codes and "N-CH" in parts-list lines: "%s" → %s', (description, prefix) => {
    expect(engine.classify({ partnumber: 'REAL-PKG', description }).candidates[0]?.code.startsWith(prefix)).toBe(true);
  });

  it('reads a rating or size written as one token ("2A", "250V", "10POS") as a spec, not as a word of the table', () => {
    // As a word, "2a" matches "alfainterferona 2a" (30.02) better than the alias "fuse" → fusíveis.
    const description = 'FUSE 2A 250V 5X20MM';
    expect(engine.classify({ partnumber: 'REAL-SPEC-1', description }).candidates[0]?.code.slice(0, 4)).toBe('8536');
    const former = loadDefaultEngine({ tablePath, tuning: { measurementsAsTerms: true, headThroughAlias: false } });
    expect(former.classify({ partnumber: 'REAL-SPEC-2', description }).candidates[0]?.code.slice(0, 4)).toBe('3002');
  });

  it('weighs a trade alias named only in an "exceto" clause as an excluded word', () => {
    expect(engine.classify({ partnumber: 'REAL-EXC-1', description: 'vergalhão de aço' }).candidates[0]?.code).toBe('72142000');
    expect(engine.classify({ partnumber: 'REAL-EXC-2', description: 'barras de aço, exceto vergalhões' }).candidates[0]?.code).not.toBe('72142000');
  });

  it('reads a word the vocabulary knows through its alias, not through the unknown-word fallback', () => {
    // "abraçadeira" would otherwise split into "abra" + "cadeira" and reach wheelchairs (87.13); a combining form
    // is still split off ("motosserra" → serra).
    const result = engine.classify({ partnumber: 'REAL-ALIAS', description: 'abraçadeira de nylon 200 mm' });
    expect(['7326', '3926']).toContain(result.candidates[0]?.code.slice(0, 4));
    expect(result.candidates.map((c) => c.code.slice(0, 4))).not.toContain('8713');
  });

  it('ends a parenthesised exclusion clause at its parenthesis: the words after it still name the goods', () => {
    const result = engine.classify({ partnumber: 'REAL-PAREN', description: 'louças (exceto de vidro) de porcelana para serviço de mesa' });
    expect(result.candidates[0]?.code.slice(0, 4)).toBe('6911');
  });

  it('reads "excluídos os ..." as an exclusion clause, like "exceto"', () => {
    const top = (description: string): string[] => engine.classify({ partnumber: 'REAL-EXCL', description }).candidates.map((c) => c.code);
    const excluded = top('chocolate branco em barras, excluídos os ovos de páscoa');
    expect(excluded).toEqual(top('chocolate branco em barras, exceto os ovos de páscoa'));
    expect(excluded[0]).toBe(top('chocolate branco em barras')[0]);
    expect(engine.classify({ partnumber: 'REAL-EXCL', description: 'chocolate branco em barras, excluídos os ovos de páscoa' }).justification).toContain('contendo cacau');
  });

  it('does not offer retreaded or used goods for goods the description calls new', () => {
    const description = 'pneus novos de borracha do tipo utilizado em automóveis de passageiros';
    expect(engine.classify({ partnumber: 'REAL-NEW-1', description }).candidates[0]?.code).toBe('40111000');
    const unaware = loadDefaultEngine({ tablePath, tuning: { newGoodsConditionPenalty: 1 } });
    expect(unaware.classify({ partnumber: 'REAL-NEW-2', description }).candidates[0]?.code).toBe('40121100');
    const retreaded = 'pneus recauchutados do tipo utilizado em automóveis de passageiros';
    expect(engine.classify({ partnumber: 'REAL-NEW-3', description: retreaded }).candidates[0]?.code).toBe('40121100');
  });

  it.each([
    ['Grampeador de mesa novo', '84729040'],
    ['Espátula corta-papéis nova', '82141000'],
  ])('does not take "apara-lápis" (a pencil sharpener) in a code\'s text for "aparas" (waste): "%s" → %s', (description, code) => {
    expect(engine.classify({ partnumber: 'REAL-COMPOUND', description }).candidates[0]?.code).toBe(code);
  });

  it('matches "não X" in a description with the table\'s "não X", not with X', () => {
    expect(engine.classify({ partnumber: 'REAL-NEG-1', description: 'argamassa não refratária' }).candidates[0]?.code).toBe('38245000');
    expect(engine.classify({ partnumber: 'REAL-NEG-2', description: 'café não torrado' }).candidates[0]?.code.slice(0, 5)).toBe('09011');
    const plain = loadDefaultEngine({ tablePath, tuning: { negatedTerms: false } });
    expect(plain.classify({ partnumber: 'REAL-NEG-3', description: 'argamassa não refratária' }).candidates[0]?.code.slice(0, 4)).toBe('3816');
  });

  it('does not match a code on the goods its own "exceto" clause leaves out', () => {
    // 9014.20: "Instrumentos e aparelhos para navegação aérea ou espacial (exceto bússolas)".
    expect(engine.classify({ partnumber: 'REAL-EXC-3', description: 'bússola magnética' }).candidates[0]?.code).toBe('90141000');
    const former = loadDefaultEngine({ tablePath, tuning: { indexExclusionClauses: true } });
    expect(former.classify({ partnumber: 'REAL-EXC-4', description: 'bússola magnética' }).candidates[0]?.code).toBe('90142090');
  });

  it('does not match a code on the goods the exclusion clause of its Spanish or English text leaves out', () => {
    // 8703.40 in Spanish: "..., excepto aquellos que puedan ser cargadas mediante la conexión a una fuente de alimentación externa".
    const description = 'Fuente de alimentación 24V 5A';
    expect(engine.classify({ partnumber: 'REAL-EXC-5', description }).candidates[0]?.code.slice(0, 2)).not.toBe('87');
    expect(formerEngine({ indexExclusionClauses: true }).classify({ partnumber: 'REAL-EXC-6', description }).candidates[0]?.code).toBe('87034000');
  });

  it('does not match those English descriptions without the translated fields', () => {
    const portugueseOnly = loadDefaultEngine({ tablePath, comexstatPath: null, hsPath: null });
    expect(portugueseOnly.classify({ partnumber: 'REAL-PT', description: 'frozen shrimp' }).candidates).toEqual([]);
  });
});
