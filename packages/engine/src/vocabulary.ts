import { stem, stemAll, tokenize } from './text/normalize.js';

/**
 * General import-trade vocabulary: what importers write (trade jargon, English,
 * abbreviations) → how the NCM nomenclature says it. Each alias adds the
 * nomenclature's wording to the query; it never points at a code.
 */
export interface TradeAlias {
  /** Any of these words or phrases triggers the alias. */
  triggers: readonly string[];
  /** Nomenclature wording added to the query. */
  expansion: string;
}

/**
 * Words that name what goods are made of, as English parts lists put them before or after the goods
 * ("Stainless steel rivet", "Ball valve brass 3/4"). Beside a word naming the goods they weigh less: in the
 * nomenclature, "stainless steel" alone names the steel products of chapter 72. Accents are folded, as tokens are.
 */
const MATERIAL_WORDS: ReadonlySet<string> = new Set([
  'stainless', 'steel', 'carbon', 'alloy', 'brass', 'bronze', 'copper', 'aluminum', 'aluminium', 'iron', 'cast',
  'galvanized', 'galvanised', 'zinc', 'plated', 'chrome', 'nickel', 'titanium', 'aco', 'inox', 'inoxidavel', 'latao', 'cobre', 'aluminio', 'ferro', 'fundido', 'zincado', 'galvanizado',
  'acero', 'inoxidable', 'laton', 'bronce', 'hierro',
]);

export function isMaterialWord(token: string): boolean {
  return MATERIAL_WORDS.has(token);
}

/** Words naming iron or steel (accents folded), in Portuguese, English and Spanish. */
const FERROUS_METAL_WORDS = new Set(['aco', 'ferro', 'inox', 'inoxidavel', 'galvanizado', 'zincado', 'steel', 'iron', 'stainless', 'galvanized', 'galvanised', 'acero', 'hierro', 'inoxidable']);
/** Words naming a base metal other than iron and steel (accents folded), in Portuguese, English and Spanish. */
const NON_FERROUS_METAL_WORDS = new Set([
  'cobre', 'latao', 'bronze', 'cuproniquel', 'niquel', 'aluminio', 'chumbo', 'zinco', 'estanho', 'tungstenio', 'volframio', 'molibdenio',
  'tantalo', 'magnesio', 'cobalto', 'bismuto', 'cadmio', 'titanio', 'zirconio', 'antimonio', 'manganes', 'berilio', 'cromo', 'germanio',
  'vanadio', 'galio', 'hafnio', 'indio', 'niobio', 'renio', 'talio', 'cermet', 'cermets',
  'copper', 'brass', 'nickel', 'aluminum', 'aluminium', 'lead', 'zinc', 'tin', 'tungsten', 'molybdenum', 'tantalum', 'magnesium',
  'cobalt', 'titanium', 'chromium',
  'laton', 'bronce', 'plomo', 'estano',
]);

/** "zinc plated", "banhado a níquel": the metal is only the finish of goods of another material. */
const COATED_WORDS = new Set(['plated', 'coated', 'finish', 'finished']);
const COATING_WORDS_BEFORE = new Set(['banhado', 'banhada', 'banhados', 'banhadas', 'revestido', 'revestida', 'revestidos', 'revestidas']);
function isCoatingAt(tokens: readonly string[], i: number): boolean {
  if (COATED_WORDS.has(tokens[i + 1] ?? '')) return true;
  const before = tokens[i - 1] === 'a' || tokens[i - 1] === 'de' || tokens[i - 1] === 'com' ? tokens[i - 2] : tokens[i - 1];
  return COATING_WORDS_BEFORE.has(before ?? '');
}

/** Which base metals a description names as what its goods are made of (a finish such as "zinc plated" is not). */
export function metalsNamed(tokens: readonly string[]): { ferrous: boolean; nonFerrous: boolean } {
  return {
    ferrous: tokens.some((token) => FERROUS_METAL_WORDS.has(token)),
    nonFerrous: tokens.some((token, i) => NON_FERROUS_METAL_WORDS.has(token) && !isCoatingAt(tokens, i)),
  };
}

/** Shapes a material is traded in ("barras de aço", "copper tube"): beside them the material is what the goods are. */
const MATERIAL_FORM_WORDS: ReadonlySet<string> = new Set([
  'barra', 'barras', 'bar', 'bars', 'rod', 'rods', 'vergalhao', 'vergalhoes', 'chapa', 'chapas', 'sheet', 'sheets',
  'plate', 'plates', 'fio', 'fios', 'wire', 'wires', 'arame', 'arames', 'tubo', 'tubos', 'tube', 'tubes', 'pipe',
  'pipes', 'tubing', 'perfil', 'perfis', 'profile', 'profiles', 'cantoneira', 'cantoneiras', 'angle', 'tira', 'tiras',
  'strip', 'strips', 'bobina', 'bobinas', 'coil', 'coils', 'lingote', 'lingotes', 'ingot', 'ingots', 'folha', 'folhas',
  'foil', 'po', 'powder', 'sucata', 'scrap',
]);

export function isMaterialFormWord(token: string): boolean {
  return MATERIAL_FORM_WORDS.has(token);
}

export const TRADE_ALIASES: readonly TradeAlias[] = [
  // Electronic components
  { triggers: ['capacitor', 'capacitors', 'capacitores', 'supercapacitor'], expansion: 'condensadores elétricos' },
  { triggers: ['resistor', 'resistors', 'resistores', 'chip resistor', 'smd resistor', 'varistor', 'termistor', 'thermistor', 'ntc', 'ptc'], expansion: 'resistências elétricas' },
  { triggers: ['potenciometro', 'potentiometer', 'trimpot', 'trimmer'], expansion: 'resistências elétricas variáveis potenciômetros' },
  { triggers: ['rele', 'reles', 'relay', 'relays'], expansion: 'relés' },
  { triggers: ['chip', 'chips', 'ic', 'circuito integrado', 'integrated circuit', 'microcontrolador', 'microcontroller', 'mcu', 'microprocessador', 'microprocessor', 'cpu', 'processador', 'processor', 'fpga', 'asic', 'amplificador operacional', 'op amp', 'opamp', 'regulador de tensao', 'voltage regulator'], expansion: 'circuitos integrados eletrônicos' },
  { triggers: ['eeprom', 'eprom', 'memoria ram', 'ram', 'dram', 'sram', 'sdram', 'flash memory', 'memoria flash', 'nand flash', 'nor flash'], expansion: 'circuitos integrados eletrônicos memórias' },
  { triggers: ['led', 'leds', 'light emitting diode'], expansion: 'diodos emissores de luz' },
  { triggers: ['diode', 'diodes', 'diodo', 'zener', 'retificador', 'rectifier', 'schottky'], expansion: 'diodos' },
  { triggers: ['transistor', 'transistors', 'mosfet', 'igbt', 'bjt', 'jfet'], expansion: 'transistores' },
  { triggers: ['n ch', 'p ch', 'n channel', 'p channel'], expansion: 'transistores' },
  { triggers: ['tiristor', 'thyristor', 'triac', 'diac', 'scr'], expansion: 'tiristores diacs triacs' },
  { triggers: ['optoacoplador', 'optocoupler', 'optoisolator', 'opto isolator', 'optoisolador', 'fotoacoplador', 'photocoupler', 'fotodiodo', 'photodiode', 'fototransistor', 'phototransistor'], expansion: 'dispositivos fotossensíveis semicondutores' },
  { triggers: ['indutor', 'inductor', 'inductors', 'bobina', 'coil', 'choke', 'ferrite'], expansion: 'indutâncias bobinas de reatância e de auto-indução' },
  { triggers: ['cristal oscilador', 'crystal', 'oscillator', 'ressonador', 'resonator', 'quartzo'], expansion: 'cristais piezelétricos montados' },
  { triggers: ['pcb', 'pci', 'placa de circuito', 'circuit board', 'printed circuit', 'circuito impresso', 'placa eletronica'], expansion: 'circuitos impressos' },
  { triggers: ['fusivel', 'fusiveis', 'fuse', 'fuses'], expansion: 'fusíveis' },
  { triggers: ['disjuntor', 'disjuntores', 'circuit breaker', 'breaker'], expansion: 'disjuntores' },
  { triggers: ['contator', 'contatores', 'contactor', 'contactors'], expansion: 'contatores relés' },
  { triggers: ['switch', 'interruptor', 'interruptores', 'botao', 'microswitch', 'micro switch'], expansion: 'interruptores comutadores seccionadores' },
  { triggers: ['conector', 'conectores', 'connector', 'connectors', 'plug', 'plugue', 'soquete', 'socket', 'terminal', 'terminais', 'borne', 'bornes', 'pin header', 'conn', 'conn header'], expansion: 'conectores fichas plugues tomadas de corrente terminais' },
  { triggers: ['cabo', 'cabos', 'cable', 'cables', 'fio', 'fios', 'wire', 'wires', 'chicote', 'harness', 'cordao eletrico'], expansion: 'fios cabos condutores elétricos isolados' },
  { triggers: ['fio esmaltado', 'fios esmaltados', 'fio para bobinar', 'fios para bobinar', 'magnet wire', 'enamelled wire', 'enameled wire', 'winding wire', 'alambre esmaltado'], expansion: 'fios para bobinar' },
  { triggers: ['cabo de aco', 'cabos de aco', 'wire rope', 'steel wire rope', 'steel cable', 'cable de acero', 'cordoalha de aco'], expansion: 'cordas cabos entrançados de ferro ou aço não isolados para usos elétricos' },
  { triggers: ['esteira transportadora', 'transportador de correia', 'correia transportadora motorizada', 'belt conveyor', 'roller conveyor'], expansion: 'aparelhos elevadores ou transportadores de ação contínua para mercadorias de tira ou correia' },
  { triggers: ['fluxostato', 'flow switch', 'rotametro', 'caudalimetro'], expansion: 'instrumentos e aparelhos para medida ou controle da vazão de líquidos' },
  { triggers: ['cabo de fibra optica', 'fibra optica', 'fiber optic', 'optical fiber', 'fibre optic'], expansion: 'cabos de fibras ópticas' },
  { triggers: ['transformador', 'transformer', 'transformers', 'xfrmr', 'xfmr', 'trafo'], expansion: 'transformadores elétricos' },
  { triggers: ['fuente de alimentacion', 'fonte chaveada', 'inversor de tensao', 'inversor de voltagem', 'inversor veicular', 'power inverter', 'fonte comutada', 'smps', 'power supply', 'psu', 'inversor de frequencia', 'inverter', 'conversor dc', 'dc dc', 'ac dc', 'adaptador de energia', 'power adapter', 'nobreak', 'ups'], expansion: 'conversores estáticos' },
  { triggers: ['carregador', 'charger'], expansion: 'conversores estáticos carregadores de acumuladores' },
  { triggers: ['bateria', 'baterias', 'battery', 'batteries', 'acumulador', 'li ion', 'lithium ion', 'litio ion'], expansion: 'acumuladores elétricos baterias' },
  { triggers: ['pilha', 'pilhas', 'alkaline battery', 'coin cell', 'button cell', 'cr2032'], expansion: 'pilhas baterias de pilhas elétricas' },
  { triggers: ['sensor', 'sensores', 'transducer', 'transdutor'], expansion: 'instrumentos aparelhos para medida controle' },
  { triggers: ['termopar', 'thermocouple', 'pt100', 'rtd'], expansion: 'termômetros instrumentos para medida de temperatura' },
  { triggers: ['termostato', 'thermostat', 'pressostato', 'pressure switch'], expansion: 'termostatos pressostatos reguladores automáticos' },
  { triggers: ['display', 'lcd', 'tft', 'oled', 'monitor', 'screen'], expansion: 'monitores dispositivos de cristais líquidos' },
  { triggers: ['dissipador', 'heat sink', 'heatsink'], expansion: 'dissipadores de calor partes' },
  { triggers: ['buzzer', 'campainha', 'sirene', 'siren', 'alarme sonoro'], expansion: 'aparelhos elétricos de sinalização acústica campainhas sirenes' },
  { triggers: ['alto falante', 'speaker', 'loudspeaker', 'caixa de som'], expansion: 'alto-falantes' },
  { triggers: ['fone de ouvido', 'headphone', 'headphones', 'earphone', 'headset', 'earbuds'], expansion: 'fones de ouvido auscultadores' },
  { triggers: ['microfone', 'microphone', 'mic'], expansion: 'microfones' },
  { triggers: ['antena', 'antenna'], expansion: 'antenas' },
  { triggers: ['camera', 'webcam', 'cctv'], expansion: 'câmeras de televisão câmeras digitais' },
  { triggers: ['notebook', 'laptop', 'computador portatil'], expansion: 'máquinas automáticas para processamento de dados portáteis' },
  { triggers: ['computador', 'computer', 'desktop', 'servidor', 'server'], expansion: 'máquinas automáticas para processamento de dados' },
  { triggers: ['impressora', 'printer'], expansion: 'impressoras máquinas de impressão' },
  { triggers: ['teclado', 'keyboard', 'mouse'], expansion: 'unidades de entrada teclados' },
  { triggers: ['hdd', 'ssd', 'hard drive', 'solid state drive'], expansion: 'unidades de memória' },
  { triggers: ['modulo de memoria', 'modulos de memoria', 'memoria ram para notebook', 'memoria ram para desktop', 'memory module', 'sodimm', 'so dimm', 'udimm', 'rdimm', 'dimm'], expansion: 'placas módulos de memória' },
  { triggers: ['microsd', 'micro sd', 'sdhc', 'sdxc', 'tf card', 'pen drive', 'pendrive', 'cartao de memoria', 'memory card', 'sd card', 'flash drive', 'usb drive', 'thumb drive', 'memory stick'], expansion: 'dispositivos de armazenamento não volátil à base de semicondutores' },
  { triggers: ['celular', 'smartphone', 'cell phone', 'mobile phone', 'telemovel'], expansion: 'telefones inteligentes smartphones telefones para redes celulares' },
  { triggers: ['roteador', 'router', 'modem', 'access point', 'gateway'], expansion: 'aparelhos para recepção conversão transmissão de dados roteadores' },
  { triggers: ['tv', 'televisao', 'televisor', 'television'], expansion: 'aparelhos receptores de televisão' },
  // Mechanical parts and fasteners
  { triggers: ['rolamento', 'rolamentos', 'bearing', 'bearings', 'rolima'], expansion: 'rolamentos' },
  { triggers: ['mancal', 'bucha', 'bushing', 'plain bearing'], expansion: 'mancais casquilhos' },
  { triggers: ['parafuso', 'parafusos', 'screw', 'screws', 'bolt', 'bolts', 'prisioneiro', 'stud bolt', 'tornillo', 'tornillos', 'perno', 'pernos'], expansion: 'parafusos pernos' },
  { triggers: ['porca', 'porcas', 'nut', 'nuts', 'tuerca', 'tuercas'], expansion: 'porcas' },
  { triggers: ['arruela', 'arruelas', 'washer', 'washers'], expansion: 'arruelas' },
  { triggers: ['rebite', 'rebites', 'rivet', 'rivets'], expansion: 'rebites' },
  { triggers: ['pino', 'pinos', 'cavilha', 'dowel', 'cupilha', 'cotter pin', 'contrapino'], expansion: 'cavilhas contrapinos pinos' },
  { triggers: ['chaveta', 'key way', 'keyway'], expansion: 'chavetas' },
  { triggers: ['anel elastico', 'anel trava', 'retaining ring', 'circlip', 'snap ring', 'anel de retencao'], expansion: 'anéis de retenção' },
  { triggers: ['anel de vedacao', 'anel o', 'gaxeta', 'gasket', 'gaskets', 'seal', 'seals', 'vedacao', 'vedante', 'retentor', 'oil seal'], expansion: 'juntas vedação borracha retentores' },
  { triggers: ['mola', 'molas', 'spring', 'springs'], expansion: 'molas folhas de molas' },
  { triggers: ['engrenagem', 'engrenagens', 'gear', 'gears', 'pinhao', 'pinion'], expansion: 'engrenagens rodas dentadas' },
  { triggers: ['redutor', 'gearbox', 'reducer', 'caixa de reducao'], expansion: 'redutores multiplicadores caixas de transmissão' },
  { triggers: ['acoplamento', 'coupling', 'embreagem', 'clutch'], expansion: 'embreagens órgãos de acoplamento' },
  { triggers: ['polia', 'pulley'], expansion: 'polias' },
  { triggers: ['correia', 'correias', 'belt', 'belts'], expansion: 'correias transportadoras de transmissão' },
  { triggers: ['corrente de rolos', 'corrente de transmissao', 'chain', 'roller chain'], expansion: 'correntes cadeias de elos articulados' },
  { triggers: ['eixo', 'shaft', 'arvore de transmissao'], expansion: 'árvores de transmissão veios' },
  { triggers: ['mangueira', 'mangueiras', 'manguera', 'mangueras', 'hose', 'hoses'], expansion: 'tubos mangueiras flexíveis' },
  { triggers: ['sae 100r1', 'sae 100r2', 'sae 100r12'], expansion: 'tubos de borracha vulcanizada reforçados com metal' },
  { triggers: ['tubo', 'tubos', 'pipe', 'pipes', 'tube', 'tubing', 'cano'], expansion: 'tubos' },
  { triggers: ['conexao', 'fitting', 'fittings', 'niple', 'nipple', 'cotovelo', 'elbow', 'codo', 'codos', 'luva de tubo', 'flange', 'flanges'], expansion: 'acessórios para tubos uniões cotovelos luvas flanges' },
  { triggers: ['abracadeira', 'clamp', 'clamps', 'bracadeira', 'abrazadera', 'abrazaderas'], expansion: 'abraçadeiras braçadeiras outras obras de ferro ou aço de plástico' },
  { triggers: ['valvula', 'valvulas', 'valve', 'valves', 'torneira', 'faucet'], expansion: 'válvulas torneiras dispositivos semelhantes' },
  { triggers: ['solenoide', 'solenoid'], expansion: 'eletroímãs válvulas solenoides' },
  { triggers: ['bomba', 'bombas', 'pump', 'pumps'], expansion: 'bombas para líquidos' },
  { triggers: ['compressor', 'compressores'], expansion: 'compressores de ar' },
  { triggers: ['ventilador', 'ventoinha', 'fan', 'fans', 'cooler', 'exaustor'], expansion: 'ventiladores' },
  { triggers: ['motor eletrico', 'electric motor', 'motor de passo', 'stepper motor', 'stepper', 'motor dc', 'motor ac', 'brushless'], expansion: 'motores elétricos' },
  { triggers: ['cilindro hidraulico', 'hydraulic cylinder', 'cilindro pneumatico', 'pneumatic cylinder', 'atuador', 'actuator'], expansion: 'motores hidráulicos pneumáticos de movimento retilíneo cilindros' },
  { triggers: ['filtro', 'filtros', 'filter', 'filters', 'elemento filtrante'], expansion: 'filtros aparelhos para filtrar' },
  { triggers: ['bico', 'nozzle', 'aspersor', 'sprinkler'], expansion: 'bicos aparelhos para projetar dispersar pulverizar' },
  { triggers: ['roda', 'rodas', 'wheel', 'wheels', 'rodizio', 'caster'], expansion: 'rodas rodízios' },
  { triggers: ['pneu', 'pneus', 'tire', 'tyre', 'tires', 'tyres'], expansion: 'pneumáticos novos de borracha' },
  { triggers: ['camara de ar', 'inner tube'], expansion: 'câmaras de ar de borracha' },
  { triggers: ['freio', 'freios', 'brake', 'brakes', 'pastilha de freio', 'brake pad', 'lona de freio'], expansion: 'freios servofreios guarnições de freios' },
  { triggers: ['amortecedor', 'amortecedores', 'shock absorber', 'damper'], expansion: 'amortecedores de suspensão' },
  { triggers: ['vela de ignicao', 'spark plug'], expansion: 'velas de ignição' },
  { triggers: ['farol', 'farois', 'headlight', 'headlamp', 'lanterna traseira', 'tail light'], expansion: 'aparelhos elétricos de iluminação sinalização visual para veículos faróis' },
  { triggers: ['retrovisor', 'rear view mirror'], expansion: 'espelhos retrovisores' },
  { triggers: ['para brisa', 'parabrisa', 'windshield', 'windscreen'], expansion: 'vidros de segurança para-brisas' },
  { triggers: ['limpador de parabrisa', 'wiper', 'palheta'], expansion: 'limpadores de para-brisas' },
  { triggers: ['escapamento', 'silencioso', 'muffler', 'exhaust'], expansion: 'silenciosos tubos de escape' },
  { triggers: ['radiador', 'radiator'], expansion: 'radiadores' },
  { triggers: ['catalisador', 'catalytic converter'], expansion: 'catalisadores' },
  // Tools and hardware
  { triggers: ['ferramenta', 'ferramentas', 'tool', 'tools'], expansion: 'ferramentas' },
  { triggers: ['alicate', 'alicates', 'pliers', 'plier'], expansion: 'alicates tenazes pinças' },
  { triggers: ['chave de fenda', 'screwdriver', 'chave philips', 'chave phillips'], expansion: 'chaves de fenda' },
  { triggers: ['wrench', 'chave allen', 'allen key', 'hex key'], expansion: 'chaves de porcas manuais' },
  { triggers: ['broca', 'brocas', 'drill bit', 'drill bits'], expansion: 'brocas ferramentas de furar' },
  { triggers: ['furadeira', 'drill', 'parafusadeira'], expansion: 'ferramentas eletromecânicas furadeiras perfuratrizes' },
  { triggers: ['serra', 'saw', 'saw blade', 'lamina de serra'], expansion: 'serras folhas de serras' },
  { triggers: ['lixa', 'sandpaper', 'abrasivo', 'abrasive', 'cutting disc'], expansion: 'abrasivos naturais artificiais em pó ou grãos mós rebolos' },
  { triggers: ['fechadura', 'lock', 'cadeado', 'padlock'], expansion: 'cadeados fechaduras ferrolhos' },
  { triggers: ['dobradica', 'hinge', 'hinges'], expansion: 'dobradiças guarnições ferragens' },
  { triggers: ['prego', 'pregos', 'nail', 'nails'], expansion: 'pregos tachas percevejos' },
  { triggers: ['gancho', 'hook', 'suporte', 'bracket'], expansion: 'ganchos suportes' },
  // Materials (English → Portuguese)
  { triggers: ['plastic', 'plastico', 'pvc', 'abs', 'nylon', 'polyamide', 'poliamida', 'polipropileno', 'polypropylene', 'pp', 'polietileno', 'polyethylene', 'pe', 'pet', 'acrilico', 'acrylic', 'policarbonato', 'polycarbonate', 'pom', 'ptfe', 'teflon', 'poliuretano', 'polyurethane'], expansion: 'plástico plásticos' },
  { triggers: ['steel', 'aco carbono', 'carbon steel'], expansion: 'ferro aço' },
  { triggers: ['stainless', 'stainless steel', 'inox', 'aco inox', 'aco inoxidavel'], expansion: 'aço inoxidável' },
  { triggers: ['iron', 'cast iron', 'ferro fundido'], expansion: 'ferro fundido' },
  { triggers: ['aluminum', 'aluminium', 'aluminio'], expansion: 'alumínio' },
  { triggers: ['copper', 'cobre'], expansion: 'cobre' },
  { triggers: ['brass', 'latao', 'bronze', 'laton', 'bronce'], expansion: 'ligas de cobre latão bronze' },
  { triggers: ['rubber', 'borracha', 'nbr', 'epdm', 'silicone rubber', 'viton', 'fkm'], expansion: 'borracha vulcanizada' },
  { triggers: ['glass', 'vidro'], expansion: 'vidro' },
  { triggers: ['wood', 'wooden', 'madeira'], expansion: 'madeira' },
  { triggers: ['cotton', 'algodao'], expansion: 'algodão' },
  { triggers: ['polyester', 'poliester', 'synthetic fibre', 'synthetic fiber'], expansion: 'fibras sintéticas poliésteres' },
  { triggers: ['leather', 'couro'], expansion: 'couro natural' },
  { triggers: ['paper', 'papel', 'cardboard', 'papelao'], expansion: 'papel cartão' },
  { triggers: ['ceramic', 'ceramica'], expansion: 'cerâmica' },
  // Chemicals and consumables
  { triggers: ['cola', 'adesivo', 'glue', 'adhesive', 'epoxi', 'epoxy', 'selante', 'sealant'], expansion: 'colas adesivos preparados' },
  { triggers: ['tinta', 'paint', 'verniz', 'varnish', 'primer'], expansion: 'tintas vernizes' },
  { triggers: ['toner', 'cartucho de tinta', 'ink cartridge', 'ink'], expansion: 'tintas de impressão cartuchos' },
  { triggers: ['lubrificante', 'lubricant', 'graxa', 'grease', 'oleo lubrificante', 'lubricating oil', 'oleo de motor', 'motor oil'], expansion: 'óleos lubrificantes preparações lubrificantes' },
  { triggers: ['detergente', 'detergent', 'sabao', 'soap', 'limpador', 'cleaner'], expansion: 'sabões preparações para lavagem e limpeza' },
  { triggers: ['etiqueta', 'etiquetas', 'label', 'labels', 'tag'], expansion: 'etiquetas' },
  { triggers: ['fita adesiva', 'adhesive tape', 'tape'], expansion: 'fitas autoadesivas' },
  { triggers: ['saco', 'sacola', 'bag', 'bags'], expansion: 'sacos bolsas' },
  { triggers: ['box', 'boxes', 'gabinete', 'enclosure'], expansion: 'caixas estojos' },
  // Consumer goods
  { triggers: ['sapato', 'sapatos', 'tenis', 'shoe', 'shoes', 'sneaker', 'sneakers', 'bota', 'boot', 'boots', 'sandalia', 'sandal', 'chinelo'], expansion: 'calçados' },
  { triggers: ['camiseta', 't shirt', 'tshirt', 'camisa', 'shirt'], expansion: 'camisetas t-shirts camisas' },
  { triggers: ['calca', 'pants', 'trousers', 'jeans'], expansion: 'calças' },
  { triggers: ['brinquedo', 'toy', 'toys'], expansion: 'brinquedos' },
  { triggers: ['boneca', 'doll'], expansion: 'bonecas' },
  { triggers: ['luva', 'luvas', 'glove', 'gloves'], expansion: 'luvas' },
  { triggers: ['capacete', 'helmet'], expansion: 'capacetes artefatos de uso semelhante protetores' },
  { triggers: ['oculos', 'glasses', 'sunglasses', 'oculos de sol'], expansion: 'óculos de sol óculos' },
  { triggers: ['relogio', 'watch', 'clock'], expansion: 'relógios' },
  { triggers: ['smartwatch', 'smartwatches', 'smart watch', 'relogio inteligente', 'smartband', 'pulseira inteligente'], expansion: 'aparelhos emissores com receptor incorporado digitais para transmissão de voz imagens ou outros dados' },
  { triggers: ['drone', 'drones', 'quadricoptero', 'quadcopter', 'vant'], expansion: 'veículos aéreos aeronaves não tripulados pilotados remotamente' },
  { triggers: ['bolsa', 'handbag', 'mochila', 'backpack', 'mala', 'suitcase'], expansion: 'bolsas malas mochilas' },
  { triggers: ['medicamento', 'remedio', 'medicine', 'drug', 'farmaco'], expansion: 'medicamentos' },
  { triggers: ['cosmetico', 'cosmetic', 'maquiagem', 'makeup'], expansion: 'produtos de beleza de maquiagem' },
  { triggers: ['shampoo', 'xampu'], expansion: 'xampus' },
  { triggers: ['perfume', 'fragrance', 'colonia'], expansion: 'perfumes águas-de-colônia' },
  // Food, beverages and household consumer goods
  { triggers: ['vodka', 'vodca'], expansion: 'vodca' },
  { triggers: ['whisky', 'whiskey', 'uisque'], expansion: 'uísques' },
  { triggers: ['gin'], expansion: 'gim genebra' },
  { triggers: ['tequila', 'pisco', 'arak', 'grappa', 'cachaca', 'steinhaeger', 'schnapps', 'aguardente'], expansion: 'aguardentes bebidas espirituosas' },
  { triggers: ['conhaque', 'brandy', 'cognac'], expansion: 'aguardentes de vinho ou de bagaço de uvas' },
  { triggers: ['licor', 'liqueur'], expansion: 'licores bebidas espirituosas' },
  { triggers: ['cerveja', 'beer', 'chope', 'chopp', 'lager'], expansion: 'cervejas de malte' },
  { triggers: ['vinho', 'wine'], expansion: 'vinhos de uvas frescas' },
  { triggers: ['refrigerante', 'soft drink', 'soda'], expansion: 'bebidas não alcoólicas águas adicionadas de açúcar aromatizadas' },
  { triggers: ['suco', 'juice', 'sumo'], expansion: 'sucos de fruta' },
  { triggers: ['energetico', 'energy drink', 'isotonico', 'isotonic'], expansion: 'bebidas não alcoólicas' },
  { triggers: ['salsicha', 'linguica', 'mortadela', 'salame', 'sausage', 'salami', 'chourico'], expansion: 'enchidos produtos semelhantes de carne' },
  { triggers: ['presunto', 'ham'], expansion: 'pernas pás e respectivos pedaços suínos' },
  { triggers: ['queijo', 'cheese', 'requeijao'], expansion: 'queijos requeijão' },
  { triggers: ['iogurte', 'yogurt', 'yoghurt'], expansion: 'iogurte' },
  { triggers: ['manteiga', 'butter'], expansion: 'manteiga matérias gordas do leite' },
  { triggers: ['sorvete', 'ice cream', 'picole'], expansion: 'sorvetes' },
  { triggers: ['biscoito', 'biscoitos', 'bolacha', 'cookie', 'cookies', 'cracker', 'wafer'], expansion: 'bolachas biscoitos produtos de padaria' },
  { triggers: ['salgadinho', 'snack', 'snacks', 'chips'], expansion: 'produtos obtidos por expansão ou torrefação' },
  { triggers: ['macarrao', 'espaguete', 'pasta alimenticia', 'noodles', 'lasanha'], expansion: 'massas alimentícias' },
  { triggers: ['bala', 'balas', 'candy', 'candies', 'pirulito', 'lollipop'], expansion: 'produtos de confeitaria sem cacau' },
  { triggers: ['chiclete', 'chewing gum', 'goma de mascar'], expansion: 'gomas de mascar' },
  { triggers: ['ketchup', 'catchup', 'catsup'], expansion: 'ketchup molhos de tomate' },
  { triggers: ['pao', 'bread', 'bolo', 'cake'], expansion: 'pães bolos produtos de padaria pastelaria' },
  { triggers: ['cafe', 'coffee'], expansion: 'café' },
  { triggers: ['arroz', 'rice'], expansion: 'arroz' },
  { triggers: ['farinha', 'flour'], expansion: 'farinhas' },
  { triggers: ['condicionador', 'conditioner', 'tintura para cabelo', 'hair dye', 'creme para cabelo'], expansion: 'preparações capilares' },
  { triggers: ['sabonete', 'soap bar'], expansion: 'sabões de toucador' },
  { triggers: ['creme dental', 'pasta de dente', 'toothpaste'], expansion: 'dentifrícios preparações para higiene bucal' },
  { triggers: ['desodorante', 'deodorant', 'antitranspirante'], expansion: 'desodorantes corporais antiperspirantes' },
  { triggers: ['protetor solar', 'sunscreen', 'bronzeador', 'antisolar', 'antisolares'], expansion: 'preparações antissolares bronzeadores' },
  { triggers: ['fralda', 'fraldas', 'diaper', 'diapers', 'absorvente higienico', 'sanitary pad'], expansion: 'fraldas absorventes higiênicos' },
  { triggers: ['escova de dente', 'escova dental', 'toothbrush'], expansion: 'escovas de dentes' },
  { triggers: ['chaleira', 'kettle'], expansion: 'aparelhos eletrotérmicos para preparação de chá' },
  { triggers: ['lava jato', 'lavadora de alta pressao', 'pressure washer'], expansion: 'máquinas e aparelhos de jato de vapor ou de areia aparelhos semelhantes' },
  { triggers: ['lampada', 'lampadas', 'lamp', 'bulb', 'light bulb'], expansion: 'lâmpadas' },
  { triggers: ['luminaria', 'luminarias', 'luminaire', 'light fixture', 'refletor', 'spotlight'], expansion: 'luminárias aparelhos de iluminação' },
  { triggers: ['geladeira', 'refrigerador', 'fridge', 'refrigerator', 'frigobar', 'frigobares', 'minibar', 'mini geladeira'], expansion: 'refrigeradores' },
  { triggers: ['freezer', 'congelador'], expansion: 'congeladores' },
  { triggers: ['ar condicionado', 'air conditioner', 'air conditioning'], expansion: 'máquinas aparelhos de ar-condicionado' },
  { triggers: ['maquina de lavar', 'lavadora de roupa', 'washing machine'], expansion: 'máquinas de lavar roupa' },
  { triggers: ['microondas', 'micro ondas', 'microwave'], expansion: 'fornos de micro-ondas' },
  { triggers: ['liquidificador', 'blender', 'mixer', 'batedeira'], expansion: 'aparelhos eletromecânicos de uso doméstico trituradores misturadores' },
  { triggers: ['ferro de passar', 'iron clothes', 'clothes iron'], expansion: 'ferros de passar elétricos' },
  { triggers: ['secador de cabelo', 'hair dryer', 'chapinha', 'hair straightener'], expansion: 'aparelhos para cabeleireiro secadores de cabelo' },
  { triggers: ['aspirador', 'vacuum cleaner'], expansion: 'aspiradores' },
  { triggers: ['cafeteira', 'coffee maker', 'coffee machine'], expansion: 'aparelhos para preparação de café' },
  { triggers: ['bicicleta', 'bicycle', 'bike'], expansion: 'bicicletas' },
  { triggers: ['moto', 'motocicleta', 'motorcycle'], expansion: 'motocicletas' },
  { triggers: ['carro', 'automovel', 'car', 'automobile'], expansion: 'automóveis veículos' },
  { triggers: ['caminhao', 'truck', 'lorry'], expansion: 'veículos automóveis para transporte de mercadorias' },
  { triggers: ['autopeca', 'auto part', 'auto parts', 'car part', 'peca automotiva'], expansion: 'partes acessórios dos veículos automóveis' },
  // Everyday retail names (supermarket, household, building materials, auto and hardware stores) that the
  // nomenclature does not use
  { triggers: ['achocolatado', 'chocolate em po', 'cacau em po adocado'], expansion: 'preparações alimentícias contendo cacau em pó com adição de açúcar' },
  { triggers: ['bacon', 'toucinho defumado', 'panceta'], expansion: 'barrigas entremeadas toucinho carnes de suínos defumadas' },
  { triggers: ['hamburguer', 'hamburger', 'almondega', 'nuggets', 'empanado', 'empanados', 'carne enlatada', 'patê'], expansion: 'preparações e conservas de carne' },
  { triggers: ['pipoca', 'popcorn'], expansion: 'milho produtos à base de cereais obtidos por expansão' },
  { triggers: ['granola', 'cereal matinal', 'cereais matinais', 'sucrilhos', 'corn flakes', 'muesli'], expansion: 'preparações alimentícias flocos de cereais obtidos por expansão ou torrefação' },
  { triggers: ['refresco em po', 'suco em po', 'bebida em po', 'po para refresco'], expansion: 'preparações dos tipos utilizados para elaboração de bebidas' },
  { triggers: ['frito', 'fritos', 'frita', 'fritas', 'pre frito', 'pre fritos', 'fried'], expansion: 'preparados ou conservados' },
  { triggers: ['racao', 'petisco para caes', 'petisco para gatos', 'pet food', 'dog food', 'cat food'], expansion: 'preparações dos tipos utilizados na alimentação de animais cães gatos' },
  { triggers: ['coleira', 'guia para caes', 'peitoral para caes'], expansion: 'artigos de seleiro ou de correeiro para quaisquer animais' },
  { triggers: ['amaciante', 'amaciantes', 'fabric softener'], expansion: 'agentes de apresto ou de acabamento preparações tensoativas' },
  { triggers: ['agua sanitaria', 'alvejante', 'alvejantes', 'bleach', 'cloro liquido'], expansion: 'hipocloritos de sódio' },
  { triggers: ['saponaceo', 'sapolio', 'pasta para arear', 'limpa aluminio'], expansion: 'pastas pós e outras preparações para arear' },
  { triggers: ['lava loucas', 'lava roupas', 'sabao em po', 'sabao liquido'], expansion: 'preparações para lavagem agentes orgânicos de superfície' },
  { triggers: ['repelente', 'repelentes', 'insect repellent'], expansion: 'inseticidas repelentes de insetos' },
  { triggers: ['multiuso', 'limpador multiuso', 'desengordurante', 'limpa vidros', 'tira manchas', 'lustra moveis', 'limpador perfumado'], expansion: 'preparações para lavagem e limpeza agentes orgânicos de superfície' },
  { triggers: ['acido muriatico'], expansion: 'ácido clorídrico' },
  { triggers: ['pano de chao', 'pano multiuso', 'pano de limpeza', 'flanela', 'flanelas', 'perfex'], expansion: 'rodilhas esfregões panos para limpeza' },
  { triggers: ['mop', 'mops', 'esfregao giratorio'], expansion: 'esfregões vassouras' },
  { triggers: ['naftalina'], expansion: 'naftaleno' },
  { triggers: ['antipulgas', 'carrapaticida', 'coleira antipulgas'], expansion: 'inseticidas' },
  { triggers: ['enxaguante bucal', 'enxaguatorio bucal', 'antisseptico bucal', 'mouthwash'], expansion: 'preparações para higiene bucal ou dentária' },
  { triggers: ['barbeador', 'barbeadores', 'aparelho de barbear', 'lamina de barbear', 'razor'], expansion: 'aparelhos de barbear navalhas lâminas de barbear' },
  { triggers: ['batom', 'batons', 'lipstick', 'gloss labial', 'brilho labial'], expansion: 'produtos de maquiagem para os lábios' },
  { triggers: ['rimel', 'mascara para cilios', 'delineador', 'sombra para olhos'], expansion: 'produtos de maquiagem para os olhos' },
  { triggers: ['esmalte para unhas', 'removedor de esmalte', 'acetona para unhas'], expansion: 'preparações para manicuros e pedicuros' },
  { triggers: ['hidratante', 'hidratantes', 'creme hidratante', 'locao hidratante', 'moisturizer'], expansion: 'cremes de beleza preparações para conservação ou cuidados da pele' },
  { triggers: ['alisante', 'alisantes', 'relaxante capilar', 'permanente capilar'], expansion: 'preparações para ondulação ou alisamento permanentes dos cabelos' },
  { triggers: ['sabonete liquido', 'liquid soap', 'body wash'], expansion: 'produtos e preparações orgânicos tensoativos para lavagem da pele líquidos' },
  { triggers: ['rejunte', 'massa para rejunte', 'reboco', 'chapisco'], expansion: 'argamassas e concretos não refratários' },
  { triggers: ['azulejo', 'azulejos', 'porcelanato', 'porcelanatos', 'piso ceramico', 'pastilha ceramica', 'revestimento ceramico'], expansion: 'ladrilhos e placas para pavimentação ou revestimento de cerâmica' },
  { triggers: ['vergalhao', 'vergalhoes', 'rebar'], expansion: 'barras de ferro ou aço dentadas com nervuras obtidas durante a laminagem' },
  { triggers: ['ducha', 'duchas', 'chuveiro eletrico', 'aquecedor de agua', 'boiler'], expansion: 'aquecedores elétricos de água chuveiros' },
  { triggers: ['eletroduto', 'eletrodutos', 'conduite', 'conduit'], expansion: 'tubos condutos para cabos elétricos' },
  { triggers: ['cabo de extensao', 'cabo hdmi', 'cabo usb', 'hdmi cable', 'usb cable', 'cabo de forca', 'power cord'], expansion: 'condutores elétricos munidos de peças de conexão' },
  { triggers: ['benjamim', 'adaptador de tomada', 'filtro de linha', 'regua de tomadas', 'power strip'], expansion: 'tomadas de corrente' },
  { triggers: ['lona plastica', 'lona encerada', 'tarp', 'tarpaulin'], expansion: 'encerados e toldos' },
  { triggers: ['parachoque', 'parachoques', 'para choque', 'para choques', 'bumper'], expansion: 'para-choques' },
  { triggers: ['buzina', 'buzinas', 'horn'], expansion: 'aparelhos elétricos de sinalização acústica' },
  { triggers: ['cartolina', 'cartolinas', 'papel cartao'], expansion: 'papel e cartão' },
  { triggers: ['thinner', 'tiner', 'aguarras', 'removedor de tinta', 'paint thinner', 'paint remover'], expansion: 'solventes e diluentes orgânicos compostos preparações para remover tintas ou vernizes' },
  { triggers: ['sanduicheira', 'grill eletrico', 'torradeira', 'toaster', 'air fryer', 'fritadeira eletrica'], expansion: 'aparelhos eletrotérmicos para uso doméstico torradeiras grelhas assadeiras' },
  { triggers: ['tanquinho', 'lava e seca', 'lavadora de roupas'], expansion: 'máquinas de lavar roupa' },
  { triggers: ['frigideira', 'frigideiras', 'cacarola', 'wok', 'panela de pressao', 'panela', 'panelas', 'cookware', 'olla', 'ollas'], expansion: 'panelas artigos de cozinha de uso doméstico' },
  { triggers: ['caneca', 'canecas', 'mug', 'mugs'], expansion: 'copos xícaras artigos para serviço de mesa' },
  { triggers: ['escorredor', 'lixeira', 'lixeiras', 'regador', 'balde', 'baldes', 'bacia plastica'], expansion: 'artigos de uso doméstico' },
  { triggers: ['macaneta', 'macanetas', 'puxador', 'puxadores', 'door handle'], expansion: 'guarnições ferragens e artigos semelhantes para portas móveis' },
  { triggers: ['trena', 'trenas', 'fita metrica', 'flexometro', 'tape measure'], expansion: 'fitas métricas instrumentos de medida de comprimento' },
  { triggers: ['esmerilhadeira', 'lixadeira', 'serra circular', 'serra tico tico', 'sander'], expansion: 'ferramentas eletromecânicas de motor elétrico incorporado de uso manual' },
  { triggers: ['skate', 'skates', 'patinete', 'patinetes', 'scooter'], expansion: 'patins artigos e equipamentos para esportes' },
  // Food: cuts, cheeses, bakery and pantry goods by their shop names
  { triggers: ['frango', 'frangos', 'peito de frango', 'coxa de frango', 'sobrecoxa', 'asa de frango', 'chicken'], expansion: 'carnes de galos e galinhas pedaços e miudezas' },
  { triggers: ['picanha', 'contrafile', 'maminha', 'fraldinha', 'patinho', 'acem', 'costela bovina', 'carne bovina', 'beef'], expansion: 'carnes de animais da espécie bovina' },
  { triggers: ['pernil', 'lombo suino', 'costela suina', 'carne suina', 'pork'], expansion: 'carnes de animais da espécie suína' },
  { triggers: ['charque', 'carne seca', 'jerked beef', 'carne de sol'], expansion: 'carnes bovinas salgadas secas' },
  { triggers: ['apresuntado', 'fiambre', 'peito de peru defumado'], expansion: 'preparações e conservas de carne' },
  { triggers: ['mussarela', 'mucarela', 'mozzarella', 'parmesao', 'provolone', 'ricota', 'cream cheese', 'queijo prato', 'queijo minas', 'gorgonzola', 'cheddar'], expansion: 'queijos' },
  { triggers: ['rosquinha', 'rosquinhas', 'bolacha recheada', 'biscoito recheado', 'cream cracker'], expansion: 'bolachas biscoitos' },
  { triggers: ['bisnaguinha', 'pao frances', 'pao de hamburguer', 'pao de cachorro quente', 'baguete', 'brioche', 'croissant'], expansion: 'pães produtos de padaria' },
  { triggers: ['pacoca', 'pe de moleque', 'amendoim torrado', 'amendoim japones'], expansion: 'amendoins preparados ou conservados' },
  { triggers: ['goiabada', 'marmelada', 'bananada', 'doce de fruta', 'doce em pasta'], expansion: 'doces pastas e purês de frutas' },
  { triggers: ['rapadura', 'acucar mascavo', 'melado', 'panela de acucar'], expansion: 'açúcares de cana em bruto melaços' },
  { triggers: ['shoyu', 'molho shoyu', 'molho de soja', 'soy sauce'], expansion: 'molho de soja' },
  { triggers: ['sazon', 'tempero pronto', 'tempero completo', 'caldo em cubo', 'caldo de galinha', 'caldo de carne'], expansion: 'condimentos e temperos compostos preparações para caldos' },
  { triggers: ['fermento', 'fermento biologico', 'fermento quimico', 'fermento em po', 'yeast', 'baking powder'], expansion: 'leveduras pós para levedar' },
  { triggers: ['fuba', 'polenta', 'canjica', 'cuscuz de milho'], expansion: 'farinhas de milho grumos sêmolas' },
  { triggers: ['farofa', 'farinha de mandioca', 'tapioca', 'goma de tapioca', 'polvilho'], expansion: 'farinhas de mandioca féculas' },
  { triggers: ['oleo de canola', 'canola'], expansion: 'óleos de nabo silvestre ou de colza' },
  { triggers: ['adocante', 'adocantes', 'sweetener', 'sucralose', 'estevia', 'stevia'], expansion: 'edulcorantes preparações alimentícias' },
  { triggers: ['nectar', 'nectar de fruta', 'suco de caixinha'], expansion: 'sucos de fruta bebidas não alcoólicas' },
  { triggers: ['sake', 'saque', 'soju', 'hidromel', 'sidra'], expansion: 'outras bebidas fermentadas' },
  { triggers: ['refresco', 'refrescos'], expansion: 'bebidas não alcoólicas' },
  { triggers: ['brigadeiro', 'brigadeiros', 'ovo de pascoa', 'ovos de pascoa', 'chocotone', 'bombom de chocolate', 'trufa de chocolate'], expansion: 'chocolate preparações alimentícias contendo cacau' },
  { triggers: ['cocada', 'cocadas', 'marshmallow', 'torrone', 'nougat', 'maria mole', 'bala de goma', 'jujuba'], expansion: 'produtos de confeitaria sem cacau' },
  { triggers: ['panetone', 'panettone', 'colomba pascal', 'bolo pronto'], expansion: 'pães bolos produtos de padaria' },
  { triggers: ['pistache', 'pistaches'], expansion: 'pistácios' },
  { triggers: ['mix de castanhas', 'mix de nuts', 'trail mix'], expansion: 'misturas de frutas de casca rija' },
  { triggers: ['picles', 'pickles', 'conserva em vinagre'], expansion: 'produtos hortícolas preparados ou conservados em vinagre' },
  { triggers: ['seleta de legumes', 'mix de legumes', 'legumes em conserva'], expansion: 'misturas de produtos hortícolas preparados ou conservados' },
  { triggers: ['lamen', 'miojo', 'macarrao instantaneo', 'instant noodles', 'yakisoba'], expansion: 'massas alimentícias' },
  { triggers: ['maizena', 'amido de milho'], expansion: 'amido de milho' },
  { triggers: ['vinagrete', 'molho barbecue', 'molho pronto', 'molho para salada', 'salad dressing'], expansion: 'molhos preparações para molhos' },
  { triggers: ['curry', 'tempero baiano', 'lemon pepper', 'chimichurri'], expansion: 'misturas de especiarias condimentos' },
  // Stationery
  { triggers: ['canetinha', 'canetinhas', 'marca texto', 'marcador de texto', 'pincel atomico', 'marcador permanente', 'highlighter'], expansion: 'canetas e marcadores com ponta de feltro ou com outras pontas porosas' },
  { triggers: ['massinha', 'massinha de modelar', 'massa de modelar', 'play dough'], expansion: 'massas de modelar' },
  { triggers: ['resma', 'papel sulfite', 'papel a4', 'papel oficio', 'copy paper'], expansion: 'papel não revestido para escrita impressão em folhas' },
  { triggers: ['post it', 'bloco adesivo', 'sticky notes', 'bloco de recados'], expansion: 'blocos de notas papel' },
  { triggers: ['fichario', 'classificador', 'pasta arquivo', 'pasta catalogo'], expansion: 'classificadores capas para encadernação pastas' },
  // Auto parts by their workshop names
  { triggers: ['bieleta', 'pivo de suspensao', 'bandeja de suspensao', 'braco oscilante', 'barra estabilizadora', 'coxim', 'bucha de suspensao'], expansion: 'sistemas de suspensão e suas partes' },
  { triggers: ['terminal de direcao', 'caixa de direcao', 'barra de direcao', 'coluna de direcao'], expansion: 'volantes colunas e caixas de direção e suas partes' },
  { triggers: ['cardan', 'junta homocinetica', 'semi eixo', 'semieixo', 'homocinetica'], expansion: 'eixos de transmissão com diferencial árvores de transmissão' },
  { triggers: ['tucho', 'tuchos', 'biela', 'bielas', 'virabrequim', 'comando de valvulas', 'anel de pistao', 'cabecote', 'carter', 'bloco do motor'], expansion: 'partes reconhecíveis de motores de pistão' },
  { triggers: ['eletroventilador', 'ventoinha do radiador'], expansion: 'ventiladores' },
  { triggers: ['sonda lambda', 'sensor de oxigenio', 'oxygen sensor'], expansion: 'instrumentos e aparelhos para análises de gases' },
  { triggers: ['bagageiro', 'rack de teto', 'estribo', 'protetor de carter', 'spoiler', 'aerofolio'], expansion: 'partes e acessórios de carroçarias' },
  { triggers: ['kit embreagem', 'plato', 'disco de embreagem', 'rolamento de embreagem'], expansion: 'embreagens e suas partes' },
  { triggers: ['tensor', 'tensionador', 'polia tensora'], expansion: 'polias e tensores' },
  // Home, furniture and building
  { triggers: ['sofa', 'sofas', 'poltrona', 'poltronas', 'banqueta', 'banquetas', 'cadeira gamer', 'puff', 'pufe'], expansion: 'assentos estofados' },
  { triggers: ['cadeira', 'cadeiras', 'chair', 'chairs', 'silla', 'sillas', 'cadeira giratoria', 'cadeira de escritorio', 'office chair'], expansion: 'assentos' },
  { triggers: ['armario', 'armarios', 'gaveteiro', 'arquivo de aco', 'locker', 'shelving', 'shelf', 'shelves', 'estanteria'], expansion: 'móveis de metal de madeira' },
  { triggers: ['estante', 'estantes', 'comoda', 'comodas', 'criado mudo', 'sapateira', 'cabideiro', 'guarda roupa', 'roupeiro', 'rack para tv', 'escrivaninha'], expansion: 'móveis de madeira de metal para quartos' },
  { triggers: ['edredom', 'edredons', 'fronha', 'fronhas', 'jogo de cama', 'manta de sofa'], expansion: 'roupas de cama cobertores artigos de cama' },
  { triggers: ['porta retrato', 'porta retratos', 'moldura para foto', 'photo frame'], expansion: 'molduras para fotografias quadros espelhos' },
  { triggers: ['pendente', 'plafon', 'arandela', 'spot', 'trilho de luz', 'fita led', 'lustre'], expansion: 'luminárias e aparelhos de iluminação' },
  { triggers: ['sensor de presenca', 'motion sensor'], expansion: 'interruptores comutadores aparelhos para comando' },
  { triggers: ['nobreak', 'estabilizador de tensao', 'estabilizador de voltagem'], expansion: 'conversores estáticos reguladores de tensão' },
  { triggers: ['para raios'], expansion: 'para-raios limitadores de tensão supressores de ondas' },
  { triggers: ['cabo pp', 'cabo paralelo', 'cabinho', 'fio rigido', 'cabo flexivel'], expansion: 'fios cabos condutores elétricos isolados' },
  { triggers: ['rj45', 'cabo de rede', 'patch cord', 'cabo utp', 'ethernet cable'], expansion: 'cabos condutores elétricos munidos de peças de conexão' },
  { triggers: ['chumbador', 'chumbadores', 'parabolt', 'bucha de nylon', 'bucha plastica', 'anchor bolt'], expansion: 'parafusos buchas' },
  { triggers: ['drywall', 'gesso acartonado', 'placa de gesso', 'forro de gesso'], expansion: 'chapas placas painéis de gesso' },
  { triggers: ['placa cimenticia', 'telha de fibrocimento', 'caixa d agua de fibrocimento'], expansion: 'obras de fibrocimento cimento-celulose' },
  { triggers: ['caixa d agua de polietileno', 'caixa d agua de plastico', 'caixa d agua de pvc', 'caixa d agua de fibra', 'caixa dagua de polietileno', 'reservatorio de agua', 'cisterna', 'water tank', 'tanque de agua'], expansion: 'reservatórios cisternas cubas e recipientes análogos' },
  { triggers: ['forro pvc', 'forro de pvc', 'revestimento de parede', 'papel de parede', 'wallpaper'], expansion: 'revestimentos de paredes ou de tetos' },
  { triggers: ['box de banheiro', 'vaso sanitario', 'caixa acoplada', 'assento sanitario', 'lavatorio', 'cuba', 'pia de banheiro', 'bide'], expansion: 'banheiras lavatórios pias sanitários e artigos semelhantes para usos sanitários' },
  { triggers: ['ralo', 'ralos', 'sifao', 'sifoes', 'valvula de descarga', 'engate flexivel', 'veda rosca', 'joelho de pvc', 'luva de pvc', 'te de pvc'], expansion: 'acessórios para tubos de plástico' },
  { triggers: ['brita', 'pedra britada', 'cascalho', 'pedrisco'], expansion: 'pedras britadas cascalho' },
  { triggers: ['cumeeira', 'rufo', 'calha de chuva', 'telha metalica'], expansion: 'construções e suas partes telhados calhas' },
  { triggers: ['pressurizador', 'bomba submersa', 'bomba de piscina', 'bomba periferica'], expansion: 'bombas para líquidos' },
  // Pharmacy, health and personal care by their counter names
  { triggers: ['colchonete', 'colchonetes', 'cama box', 'box bau', 'somie'], expansion: 'colchões suportes para camas somiês' },
  { triggers: ['beliche', 'beliches', 'berco', 'bercos'], expansion: 'móveis de madeira do tipo utilizado em quartos de dormir' },
  { triggers: ['cadeirinha para auto', 'cadeirinha de carro', 'bebe conforto', 'assento infantil para auto'], expansion: 'assentos do tipo utilizado em veículos automóveis' },
  { triggers: ['band aid', 'curativo adesivo', 'curativos adesivos'], expansion: 'pensos adesivos' },
  { triggers: ['camisinha', 'camisinhas', 'condom', 'condoms'], expansion: 'preservativos de borracha' },
  { triggers: ['teste de gravidez', 'autoteste', 'teste rapido'], expansion: 'reagentes de diagnóstico' },
  { triggers: ['analgesico', 'antibiotico', 'anti inflamatorio', 'antiinflamatorio', 'antitermico', 'antialergico', 'colirio', 'xarope para tosse', 'comprimidos'], expansion: 'medicamentos em doses acondicionados para venda a retalho' },
  { triggers: ['inalador', 'nebulizador', 'nebulizadores', 'inaladores'], expansion: 'aparelhos de aerossolterapia aparelhos respiratórios' },
  { triggers: ['glicosimetro', 'oximetro', 'medidor de glicose', 'medidor de pressao', 'esfigmomanometro'], expansion: 'instrumentos e aparelhos para medicina' },
  { triggers: ['andador', 'muleta', 'muletas', 'ortese', 'orteses', 'tornozeleira', 'joelheira', 'tipoia', 'colar cervical', 'palmilha ortopedica'], expansion: 'artigos e aparelhos ortopédicos' },
  { triggers: ['aparelho auditivo', 'aparelhos auditivos', 'hearing aid'], expansion: 'aparelhos para facilitar a audição dos surdos' },
  { triggers: ['prancha alisadora', 'babyliss', 'modelador de cachos', 'escova secadora', 'escova rotativa'], expansion: 'aparelhos eletrotérmicos para arranjos do cabelo' },
  { triggers: ['barbeador eletrico', 'aparador de pelos', 'maquina de cortar cabelo', 'depilador', 'depiladora', 'trimmer de barba'], expansion: 'aparelhos de barbear máquinas de cortar o cabelo aparelhos de depilar de motor elétrico incorporado' },
  { triggers: ['alicate de cuticula', 'cortador de unhas', 'cortador de unha', 'kit manicure'], expansion: 'utensílios e sortidos de manicuros e de pedicuros' },
  { triggers: ['descolorante', 'tonalizante', 'coloracao capilar', 'tinta de cabelo', 'leave in', 'mascara capilar', 'oleo capilar', 'finalizador capilar'], expansion: 'preparações capilares' },
  { triggers: ['sabonete intimo', 'gel de limpeza facial', 'espuma de limpeza'], expansion: 'produtos e preparações orgânicos tensoativos para lavagem da pele' },
  { triggers: ['body splash', 'body mist', 'deo colonia', 'eau de toilette', 'eau de parfum'], expansion: 'perfumes águas-de-colônia' },
  { triggers: ['protetor labial', 'hidratante labial', 'manteiga de cacau labial'], expansion: 'produtos de maquiagem para os lábios' },
  { triggers: ['blush', 'iluminador facial', 'po facial', 'po compacto', 'base liquida', 'corretivo facial', 'bronzer'], expansion: 'produtos de beleza ou de maquiagem pós' },
  { triggers: ['agua micelar', 'demaquilante', 'serum facial', 'tonico facial', 'esfoliante', 'creme antirrugas', 'creme para maos'], expansion: 'preparações para conservação ou cuidados da pele' },
  { triggers: ['autobronzeador'], expansion: 'preparações antissolares bronzeadores' },
  // Appliances and electronics by their shop names
  { triggers: ['fritadeira', 'fritadeiras'], expansion: 'aparelhos eletrotérmicos para uso doméstico fritadeiras' },
  { triggers: ['cooktop', 'fogao de indução', 'placa de inducao', 'fogareiro eletrico'], expansion: 'fogões de cozinha placas de cocção' },
  { triggers: ['purificador de agua', 'bebedor', 'filtro de agua', 'water purifier'], expansion: 'aparelhos para filtrar ou depurar água' },
  { triggers: ['umidificador', 'umidificadores', 'humidifier'], expansion: 'aparelhos eletromecânicos de uso doméstico' },
  { triggers: ['soundbar', 'home theater', 'caixa de som bluetooth', 'caixa acustica'], expansion: 'alto-falantes amplificadores elétricos de audiofrequência' },
  { triggers: ['fone bluetooth', 'fone sem fio', 'earphone bluetooth'], expansion: 'fones de ouvido auscultadores' },
  { triggers: ['power bank', 'powerbank', 'carregador portatil', 'bateria externa', 'bateria de litio', 'baterias de litio', 'bateria de ion de litio', 'bateria de ions de litio', 'bateria li ion', 'bateria de litio recarregavel'], expansion: 'acumuladores elétricos de íon de lítio' },
  { triggers: ['recarregavel', 'recarregaveis', 'rechargeable', 'recargable', 'recargables'], expansion: 'acumuladores elétricos' },
  { triggers: ['videogame', 'video game', 'console de jogos', 'joystick', 'gamepad', 'controle de videogame'], expansion: 'consoles e máquinas de jogos de vídeo' },
  // Tools, workshop and garden
  { triggers: ['ferro de solda', 'estacao de solda', 'soldering iron'], expansion: 'ferros e pistolas de soldar' },
  { triggers: ['martelete', 'furadeira de impacto', 'rotary hammer'], expansion: 'ferramentas eletromecânicas de motor elétrico incorporado perfuratrizes' },
  { triggers: ['tupia', 'soprador termico', 'plaina eletrica', 'serra marmore', 'heat gun'], expansion: 'ferramentas eletromecânicas de motor elétrico incorporado de uso manual' },
  { triggers: ['motosserra', 'motosserras', 'chainsaw'], expansion: 'serras de corrente' },
  { triggers: ['rocadeira', 'rocadeiras', 'aparador de grama', 'cortador de grama', 'lawn mower', 'brush cutter'], expansion: 'cortadores de grama máquinas para corte' },
  { triggers: ['trena laser', 'medidor de distancia laser', 'nivel laser'], expansion: 'instrumentos de medida de distâncias telêmetros' },
  { triggers: ['torquimetro', 'torquimetros', 'torque wrench'], expansion: 'chaves de porcas manuais soquetes' },
  { triggers: ['torno de bancada', 'grampo sargento', 'bench vise'], expansion: 'tornos de apertar sargentos' },
  { triggers: ['esquadro', 'esquadros', 'transferidor'], expansion: 'instrumentos de desenho' },
  { triggers: ['talhadeira', 'talhadeiras', 'ponteiro de aco', 'formao', 'formoes'], expansion: 'ferramentas manuais cinzéis formões' },
  { triggers: ['rastelo', 'rastelos', 'cavadeira', 'cavadeiras', 'enxadao', 'ancinho'], expansion: 'pás enxadas picaretas ancinhos ferramentas agrícolas manuais' },
  { triggers: ['facao', 'facoes', 'machete'], expansion: 'machados podões e ferramentas semelhantes de gume' },
  // Hardware store, welding and safety
  { triggers: ['timer', 'temporizador', 'temporizadores', 'minuteria', 'interruptor horario'], expansion: 'interruptores horários aparelhos de relojoaria' },
  { triggers: ['dimmer', 'dimmers', 'variador de luminosidade'], expansion: 'interruptores comutadores reguladores' },
  { triggers: ['rodinha', 'rodinhas', 'rodizio de gaveta', 'rodizio para moveis'], expansion: 'rodízios guarnições de metais comuns' },
  { triggers: ['corredica', 'corredicas', 'suporte de tv', 'suporte para tv', 'mao francesa', 'suporte de prateleira', 'cantoneira de prateleira'], expansion: 'guarnições ferragens e artigos semelhantes para móveis suportes' },
  { triggers: ['solda estanho', 'vareta de solda', 'eletrodo de solda', 'eletrodo revestido'], expansion: 'fios varetas eletrodos para soldar' },
  { triggers: ['fluxo de solda', 'pasta de solda', 'solder paste', 'soldering flux'], expansion: 'preparações auxiliares para soldar' },
  { triggers: ['bota de seguranca', 'botina de seguranca', 'calcado de seguranca', 'safety shoe'], expansion: 'calçados com biqueira protetora de metal' },
  { triggers: ['mascara pff2', 'mascara n95', 'respirador descartavel', 'mascara descartavel', 'dust mask'], expansion: 'máscaras de proteção' },
  { triggers: ['detector de fumaca', 'alarme de incendio', 'smoke detector', 'detector de gas'], expansion: 'aparelhos elétricos de alarme contra incêndio' },
  { triggers: ['selador', 'seladora', 'fundo preparador', 'grafiato', 'massa corrida', 'stain'], expansion: 'tintas e vernizes' },
  { triggers: ['tinta latex', 'tinta acrilica', 'tinta pva', 'tinta a base de agua', 'textura acrilica'], expansion: 'tintas à base de polímeros acrílicos ou vinílicos dispersos ou dissolvidos num meio aquoso' },
  { triggers: ['trincha', 'trinchas', 'rolo de pintura', 'rolo de la', 'paint roller'], expansion: 'pincéis e escovas para aplicação de tintas rolos' },
  { triggers: ['argamassa colante', 'cimento cola', 'argamassa ac1', 'argamassa ac2', 'argamassa ac3'], expansion: 'argamassas e concretos não refratários' },
  { triggers: ['rodape de granito', 'peitoril', 'soleira de granito', 'soleira de marmore', 'bancada de granito', 'pia de granito'], expansion: 'pedras de cantaria ou de construção trabalhadas mármore granito' },
  { triggers: ['cabo de cobre nu', 'cordoalha de cobre', 'fio de cobre nu'], expansion: 'cordas cabos entrançados de cobre não isolados' },
  { triggers: ['automotivo', 'automotiva', 'automotivos', 'automotivas', 'veicular', 'veiculares', 'automotive'], expansion: 'veículos automóveis' },
  { triggers: ['vape', 'vapes', 'cigarro eletronico', 'cigarros eletronicos', 'pod descartavel', 'e cigarette'], expansion: 'cigarros eletrônicos dispositivos vaporizadores pessoais' },
  { triggers: ['botijao', 'botijoes', 'botijao de gas', 'cilindro de gas'], expansion: 'recipientes para gases comprimidos ou liquefeitos' },
  { triggers: ['aromatizador', 'aromatizadores', 'cheirinho para carro', 'difusor de aromas', 'odorizador', 'air freshener'], expansion: 'preparações para perfumar ou desodorizar ambientes' },
  { triggers: ['insulfilm', 'pelicula automotiva', 'pelicula protetora', 'window film'], expansion: 'chapas folhas películas e outras formas planas autoadesivas de plásticos' },
  { triggers: ['kit xenon', 'lampada xenon', 'hid xenon'], expansion: 'lâmpadas de descarga' },
  // Car-care fluids and motorcycle parts
  { triggers: ['arla 32', 'arla32', 'agente redutor liquido automotivo'], expansion: 'ureia mesmo em solução aquosa' },
  { triggers: ['fluido de freio', 'oleo de freio', 'brake fluid'], expansion: 'líquidos para freios hidráulicos' },
  { triggers: ['aditivo de radiador', 'fluido de arrefecimento', 'liquido de arrefecimento', 'coolant', 'anticongelante'], expansion: 'preparações anticongelantes líquidos preparados para descongelação' },
  { triggers: ['cera automotiva', 'polidor automotivo', 'cera para carro', 'car wax'], expansion: 'encáusticos preparações para dar brilho a pinturas de carroçarias' },
  { triggers: ['shampoo automotivo', 'lava autos', 'limpa parabrisa'], expansion: 'preparações tensoativas para lavagem e limpeza' },
  { triggers: ['desengripante', 'wd40', 'wd 40', 'antiferrugem'], expansion: 'preparações lubrificantes preparações antiferrugem' },
  { triggers: ['guidao', 'manete', 'manetes', 'carenagem', 'kit relacao', 'bau de moto', 'descanso lateral', 'paralama de moto', 'banco de moto'], expansion: 'partes e acessórios de motocicletas' },
  { triggers: ['velocimetro', 'velocimetros', 'conta giros', 'tacografo', 'hodometro', 'speedometer'], expansion: 'indicadores de velocidade tacômetros contadores de voltas' },
  // Apparel, accessories, toys, party, sports and camping
  { triggers: ['jaqueta', 'jaquetas', 'corta vento', 'parka', 'jacket'], expansion: 'casacos anoraques blusões' },
  { triggers: ['moletom', 'moletons', 'sueter', 'hoodie', 'sweatshirt'], expansion: 'suéteres pulôveres cardigãs de malha' },
  { triggers: ['legging', 'leggings', 'calca legging'], expansion: 'calças de malha' },
  { triggers: ['biquini', 'biquinis', 'sunga', 'sungas', 'maio', 'swimsuit', 'bikini'], expansion: 'maiôs roupas de banho' },
  { triggers: ['pantufa', 'pantufas', 'galocha', 'galochas', 'rasteira', 'rasteirinha', 'tamanco', 'mocassim', 'scarpin'], expansion: 'calçados' },
  { triggers: ['bijuteria', 'bijuterias', 'brinco', 'brincos', 'pulseira', 'colar de bijuteria', 'tornozeleira de bijuteria', 'costume jewelry'], expansion: 'bijuterias' },
  { triggers: ['necessaire', 'frasqueira', 'estojo de maquiagem'], expansion: 'estojos de toucador' },
  { triggers: ['lego', 'bloco de montar', 'blocos de montar', 'brinquedo de montar'], expansion: 'jogos e brinquedos de construção' },
  { triggers: ['pelucia', 'ursinho', 'bicho de pelucia', 'plush'], expansion: 'brinquedos representando animais ou criaturas não humanas' },
  { triggers: ['pipa', 'papagaio de papel', 'piao', 'ioio', 'bolinha de gude'], expansion: 'brinquedos' },
  { triggers: ['pisca pisca', 'cordao de luzes', 'fio de luzes', 'luzes de natal', 'christmas lights'], expansion: 'jogos de luzes do tipo utilizado em árvores de natal' },
  { triggers: ['enfeite de natal', 'enfeites de natal', 'bola de natal', 'presepio', 'arvore de natal artificial', 'confete', 'serpentina'], expansion: 'artigos para festas de natal carnaval' },
  { triggers: ['halter', 'halteres', 'anilha', 'anilhas', 'kettlebell', 'bicicleta ergometrica', 'esteira ergometrica', 'elastico de treino'], expansion: 'artigos e equipamentos para cultura física ginástica' },
  { triggers: ['barraca de camping', 'barraca de acampamento', 'tenda de camping'], expansion: 'tendas barracas' },
  { triggers: ['saco de dormir', 'sleeping bag'], expansion: 'sacos de dormir' },
  { triggers: ['bola de futebol', 'bola de volei', 'bola de basquete', 'bola de handebol'], expansion: 'bolas infláveis' },
  // Household plastics and packaging
  { triggers: ['tupperware', 'marmita', 'marmitas', 'pote plastico', 'potes plasticos', 'pote hermetico', 'porta mantimentos'], expansion: 'serviços de mesa e artigos de cozinha de plástico' },
  { triggers: ['copo descartavel', 'copos descartaveis', 'prato descartavel', 'pratos descartaveis', 'talher descartavel', 'canudo', 'canudos'], expansion: 'serviços de mesa e artigos de cozinha de plástico' },
  { triggers: ['saco de lixo', 'sacos de lixo', 'saco zip', 'saco plastico', 'sacola plastica', 'sacolas plasticas'], expansion: 'sacos e bolsas de polímeros de etileno' },
  { triggers: ['fita crepe', 'masking tape'], expansion: 'fitas autoadesivas de papel' },
  { triggers: ['barbante', 'barbantes', 'cordao de algodao', 'twine'], expansion: 'cordéis cordas e cabos' },
  { triggers: ['saboneteira', 'toalheiro', 'porta escova', 'porta toalha', 'porta papel higienico'], expansion: 'artigos de higiene ou de toucador' },
  { triggers: ['pipeta', 'pipetas', 'becker', 'bequer', 'erlenmeyer', 'proveta', 'provetas', 'balao volumetrico', 'placa de petri', 'tubo de ensaio', 'tubos de ensaio', 'vidraria de laboratorio'], expansion: 'artigos para laboratório' },
  { triggers: ['peca', 'pecas', 'part', 'parts', 'spare part', 'componente'], expansion: 'partes' },
  { triggers: ['acessorio', 'acessorios', 'accessory', 'accessories'], expansion: 'acessórios' },
];

/**
 * Trade names whose words mean something else on their own: a "chave fim de curso" is a limit switch, not a
 * key; a "transmissor de pressão" measures pressure, it is no radio transmitter; a "CLP" is a programmable
 * controller, not a machine "with a PLC". Before anything else reads a description, each such phrase is
 * replaced by the nomenclature's wording (`rewritePhrases`), so its words never match on their own.
 */
export const TRADE_PHRASES: readonly TradeAlias[] = [
  { triggers: ['chave fim de curso', 'fim de curso', 'limit switch', 'chave seletora', 'chave comutadora', 'chave liga desliga', 'chave reversora', 'chave tactil', 'chave gangorra', 'chave alavanca', 'chave deslizante', 'chave slide', 'chave rotativa', 'chave dip', 'chave on off', 'chave tic tac', 'chave push button', 'chave micro switch', 'chave boia'], expansion: 'interruptores comutadores' },
  { triggers: ['sensor indutivo de proximidade', 'sensor capacitivo de proximidade', 'sensor de proximidade', 'sensor indutivo', 'sensor capacitivo', 'proximity sensor', 'proximity switch', 'inductive sensor'], expansion: 'interruptores' },
  { triggers: ['botao de comando', 'botao pulsador', 'botao de emergencia', 'botao de impulso', 'botoeira', 'botoeiras', 'push button', 'pushbutton'], expansion: 'interruptores comutadores' },
  { triggers: ['chave seccionadora', 'chave faca', 'disconnect switch'], expansion: 'seccionadores' },
  { triggers: ['chave combinada', 'chave de boca', 'chave estrela', 'chave fixa', 'combination wrench', 'open end wrench', 'spanner'], expansion: 'chaves de porcas manuais de abertura fixa' },
  { triggers: ['chave inglesa', 'chave ajustavel', 'adjustable wrench', 'llave inglesa', 'llave ajustable'], expansion: 'chaves de porcas manuais de abertura variável' },
  { triggers: ['socket set', 'socket wrench set', 'jogo de soquetes', 'jogo de chaves soquete', 'chave soquete', 'chave catraca', 'ratchet wrench'], expansion: 'chaves de caixa intercambiáveis' },
  { triggers: ['quadro eletrico', 'quadro de distribuicao', 'quadro de comando', 'painel eletrico', 'electrical panel', 'control panel', 'switchboard', 'distribution board'], expansion: 'quadros painéis armários para comando elétrico ou distribuição de energia elétrica' },
  { triggers: ['variable frequency drive', 'variable speed drive', 'frequency inverter', 'vfd', 'ac drive'], expansion: 'conversores estáticos' },
  { triggers: ['clamp meter', 'alicate amperimetro', 'alicate wattimetro'], expansion: 'instrumentos para medida ou controle de grandezas elétricas' },
  { triggers: ['angle grinder', 'esmerilhadeira angular', 'impact wrench', 'impact driver', 'chave de impacto', 'parafusadeira de impacto'], expansion: 'ferramentas de uso manual' },
  { triggers: ['arandela plana', 'arandela de presion', 'arandela de seguridad', 'arandela grower', 'arandela elastica'], expansion: 'arruelas' },
  { triggers: ['cinta metrica', 'cintas metricas'], expansion: 'fitas métricas instrumentos de medida de comprimento' },
  { triggers: ['hose clamp', 'pipe clamp', 'cable clamp', 'wire rope clamp', 'wire rope clip'], expansion: 'abraçadeiras braçadeiras outras obras de ferro ou aço' },
  { triggers: ['cable gland', 'prensa cabo', 'prensa cabos'], expansion: 'aparelhos para conexão de circuitos elétricos' },
  { triggers: ['extension cord', 'extension cable', 'extensao eletrica'], expansion: 'fios cabos condutores elétricos munidos de peças de conexão' },
  { triggers: ['wire stripper', 'cable stripper', 'alicate desencapador'], expansion: 'alicates pinças ferramentas semelhantes' },
  { triggers: ['emergency light', 'luminaria de emergencia'], expansion: 'luminárias aparelhos de iluminação elétricos' },
  { triggers: ['fuel hose', 'fuel line', 'mangueira de combustivel'], expansion: 'tubos de borracha vulcanizada' },
  { triggers: ['fonte de alimentacao', 'fontes de alimentacao'], expansion: 'conversores estáticos' },
  { triggers: ['pneumatic tubing', 'pneumatic tube', 'pneumatic hose', 'air hose', 'tubo pneumatico', 'mangueira pneumatica'], expansion: 'tubos flexíveis' },
  { triggers: ['transmissor de pressao', 'transdutor de pressao', 'sensor de pressao', 'pressure transmitter', 'pressure transducer', 'pressure sensor'], expansion: 'instrumentos para medida ou controle da pressão' },
  { triggers: ['transmissor de nivel', 'sensor de nivel', 'chave de nivel', 'level transmitter', 'level sensor'], expansion: 'instrumentos para medida ou controle do nível dos líquidos' },
  { triggers: ['transmissor de vazao', 'medidor de vazao', 'sensor de vazao', 'fluxometro', 'flow meter', 'flowmeter', 'flow transmitter'], expansion: 'instrumentos para medida ou controle da vazão dos líquidos' },
  { triggers: ['controlador logico programavel', 'clp', 'plc', 'programmable logic controller'], expansion: 'controladores programáveis' },
  { triggers: ['switch ethernet', 'switch de rede', 'switch gigabit', 'switch gerenciavel', 'switch poe', 'ethernet switch', 'network switch'], expansion: 'aparelhos para comutação de pacotes de dados switches' },
  { triggers: ['anel o ring', 'anel oring', 'o ring', 'o rings', 'oring', 'orings'], expansion: 'juntas de borracha vulcanizada' },
  { triggers: ['mangueira hidraulica', 'mangueiras hidraulicas', 'hydraulic hose'], expansion: 'tubos de borracha vulcanizada reforçados com metal' },
  { triggers: ['abracadeira de nylon', 'abracadeiras de nylon', 'abracadeira plastica', 'abracadeiras plasticas', 'cable tie', 'cable ties', 'zip tie'], expansion: 'outras obras de plástico' },
  // A screw's head shape says nothing the nomenclature asks, and "com cabeça de cobre" is the heading of copper screws: dropped.
  { triggers: ['cabeca cilindrica', 'cabeca chata', 'cabeca panela', 'cabeca sextavada', 'cabeca redonda', 'cabeca escareada', 'cabeca abaulada', 'cabeca lentilha', 'cabeca flangeada'], expansion: '' },
  // "HD" alone is as often "high definition" (a full HD camera).
  { triggers: ['hd externo', 'hd interno', 'hd sata', 'disco rigido', 'hard disk drive', 'hard disk'], expansion: 'unidades de memória de discos magnéticos' },
  { triggers: ['micro servo motor', 'micro servo', 'servo motor', 'servomotor', 'servomotores'], expansion: 'motores elétricos' },
  { triggers: ['cooler ventoinha', 'cooler fan', 'cooler para processador', 'cooler de processador', 'cooler para cpu', 'cooler cpu'], expansion: 'ventiladores' },
  { triggers: ['solda em fio', 'fio de solda', 'arame de solda', 'solder wire'], expansion: 'fios revestidos interiormente para soldar' },
  { triggers: ['motor de partida', 'motor de arranque', 'starter motor'], expansion: 'motores de arranque' },
  // A motor with its reduction gear is still a motor (85.01), not a gearbox.
  { triggers: ['motorredutor', 'motorredutores', 'motoredutor', 'gear motor', 'gearmotor'], expansion: 'motores elétricos' },
  { triggers: ['servo drive', 'servoconversor', 'servo conversor', 'servo amplificador', 'servo amplifier'], expansion: 'conversores estáticos' },
  { triggers: ['reator eletronico', 'reatores eletronicos', 'reator para lampada', 'ballast'], expansion: 'reatores balastros para lâmpadas ou tubos de descarga' },
  { triggers: ['monitor led', 'monitor lcd', 'monitor de video', 'monitor para computador', 'computer monitor'], expansion: 'monitores' },
  { triggers: ['filme stretch', 'stretch film', 'filme esticavel'], expansion: 'películas de polímeros de etileno' },
  { triggers: ['disco de corte', 'discos de corte', 'disco de desbaste', 'rebolo', 'rebolos', 'cut off wheel', 'grinding wheel'], expansion: 'mós e artigos semelhantes para cortar desbastar de abrasivos aglomerados' },
  { triggers: ['luva de nitrila', 'luvas de nitrila', 'luva nitrilica', 'luvas nitrilicas', 'luva de latex', 'luvas de latex', 'luva de borracha', 'luvas de borracha', 'nitrile gloves'], expansion: 'luvas de borracha vulcanizada' },
  { triggers: ['carrinho de mao', 'carrinhos de mao', 'wheelbarrow'], expansion: 'outros veículos não autopropulsados' },
  { triggers: ['bateria automotiva', 'baterias automotivas', 'bateria de carro', 'bateria para carro', 'bateria de partida', 'car battery', 'bateria de auto', 'bateria para auto', 'bateria automotriz'], expansion: 'acumuladores elétricos de chumbo do tipo utilizado para o arranque dos motores de pistão' },
  { triggers: ['chumbo acido', 'lead acid'], expansion: 'acumuladores elétricos de chumbo' },
  { triggers: ['dispositivo de protecao contra surtos', 'dispositivo de protecao contra surto', 'protetor contra surtos', 'protetor de surto', 'supressor de surto', 'surge protector', 'dps'], expansion: 'outros aparelhos para proteção de circuitos elétricos' },
  { triggers: ['medidor de energia eletrica', 'medidor de energia', 'medidor de kwh', 'relogio de luz', 'energy meter', 'kwh meter'], expansion: 'contadores de eletricidade' },
  { triggers: ['radiador do motor', 'radiador de arrefecimento', 'radiador automotivo', 'radiador de agua do motor'], expansion: 'radiadores partes e acessórios dos veículos automóveis' },
  // Distributors' category abbreviations ("CAP ALUM 470UF 25V RADIAL", "TRANS NPN 40V SOT23"), as purchase orders copy them.
  { triggers: ['res'], expansion: 'resistências elétricas' },
  { triggers: ['cap alum', 'cap aluminum', 'cap aluminium'], expansion: 'condensadores elétricos eletrolíticos de alumínio' },
  { triggers: ['cap cer', 'cap ceramic'], expansion: 'condensadores elétricos de dielétrico de cerâmica' },
  { triggers: ['cap tant', 'cap tantalum'], expansion: 'condensadores elétricos de tântalo' },
  { triggers: ['cap film'], expansion: 'condensadores elétricos de dielétrico de plástico' },
  { triggers: ['fixed ind', 'ind fixed'], expansion: 'indutâncias' },
  { triggers: ['trans npn', 'trans pnp', 'trans gp bjt', 'trans mosfet', 'trans rf'], expansion: 'transistores' },
  { triggers: ['fuse board mnt', 'fuse board mount', 'fuse brd mnt'], expansion: 'fusíveis' },
  { triggers: ['cbl ribbon', 'cable ribbon', 'ribbon cable', 'flat ribbon cable'], expansion: 'fios cabos condutores elétricos isolados planos' },
  { triggers: ['term block', 'terminal block', 'terminal blocks'], expansion: 'bornes conectores' },
  { triggers: ['battery lithium', 'lithium coin', 'coin battery'], expansion: 'pilhas de lítio' },
  { triggers: ['fan axial', 'axial fan'], expansion: 'ventiladores' },
  { triggers: ['rf txrx mod', 'rf txrx', 'txrx mod', 'rf transceiver', 'modulo wifi', 'wifi module'], expansion: 'aparelhos para recepção conversão e transmissão de dados' },
  // English names of mechanical and safety goods whose words alone point elsewhere ("socket", "cap", "lock", "hat").
  { triggers: ['socket head cap screw', 'hex head cap screw', 'socket head screw', 'cap screw', 'cap screws', 'machine screw', 'set screw', 'hex bolt', 'carriage bolt'], expansion: 'parafusos' },
  { triggers: ['lock nut', 'locknut', 'nylon insert lock nut', 'hex nut', 'nylock nut'], expansion: 'porcas' },
  { triggers: ['flat washer', 'lock washer', 'spring washer'], expansion: 'arruelas' },
  { triggers: ['pillow block bearing', 'pillow block', 'bearing unit', 'flange bearing'], expansion: 'mancais com rolamentos incorporados' },
  { triggers: ['timing belt pulley', 'timing pulley', 'v belt pulley'], expansion: 'polias' },
  { triggers: ['chain sprocket', 'roller chain sprocket', 'sprocket'], expansion: 'rodas dentadas' },
  { triggers: ['hard hat', 'safety helmet'], expansion: 'capacetes e outros chapéus e artefatos de uso semelhante de segurança' },
  { triggers: ['safety glasses', 'safety goggles'], expansion: 'óculos de segurança' },
  { triggers: ['high bay light', 'led high bay', 'flood light', 'floodlight'], expansion: 'aparelhos de iluminação luminárias' },
  { triggers: ['digital caliper', 'vernier caliper', 'caliper gauge'], expansion: 'paquímetros' },
  { triggers: ['selante de silicone', 'silicone acetico', 'silicone neutro', 'selante de poliuretano', 'selante pu', 'silicone sealant'], expansion: 'mástiques' },
];

export interface CompiledAlias {
  /** Stemmed token sequences; any of them triggers the alias. */
  triggers: string[][];
  expansion: string;
}

/** Compiled aliases with their triggers indexed by first stemmed word (the query is scanned once). */
export interface CompiledAliases {
  aliases: CompiledAlias[];
  byFirstTerm: Map<string, Array<{ alias: number; trigger: string[] }>>;
}

export function compileAliases(aliases: readonly TradeAlias[] = TRADE_ALIASES): CompiledAliases {
  const compiled = aliases.map((alias) => ({
    triggers: alias.triggers.map((trigger) => stemAll(trigger)).filter((sequence) => sequence.length > 0),
    expansion: alias.expansion,
  }));
  const byFirstTerm = new Map<string, Array<{ alias: number; trigger: string[] }>>();
  compiled.forEach((alias, index) => {
    for (const trigger of alias.triggers) {
      let entries = byFirstTerm.get(trigger[0]!);
      if (!entries) byFirstTerm.set(trigger[0]!, (entries = []));
      entries.push({ alias: index, trigger });
    }
  });
  return { aliases: compiled, byFirstTerm };
}

export interface AliasMatch {
  expansion: string;
  /** Index in the stemmed query of the first word of the earliest trigger found. */
  start: number;
  /** Index just past that trigger's last word. */
  end: number;
}

/** Whether the stemmed words from `start` on begin with `trigger`. */
function triggerAt(stemmed: readonly string[], start: number, trigger: readonly string[]): boolean {
  if (start + trigger.length > stemmed.length) return false;
  return trigger.every((term, k) => stemmed[start + k] === term);
}

/** Every alias triggered by the stemmed query, in vocabulary order, with where its earliest trigger starts. */
export function matchAliasPositions(stemmedQuery: readonly string[], compiled: CompiledAliases): AliasMatch[] {
  const spans = new Map<number, [number, number]>();
  stemmedQuery.forEach((term, start) => {
    for (const { alias, trigger } of compiled.byFirstTerm.get(term) ?? []) {
      if (!spans.has(alias) && triggerAt(stemmedQuery, start, trigger)) spans.set(alias, [start, start + trigger.length]);
    }
  });
  return [...spans]
    .sort((a, b) => a[0] - b[0])
    .map(([alias, [start, end]]) => ({ expansion: compiled.aliases[alias]!.expansion, start, end }));
}

/**
 * The tokens with every occurrence of a phrase of `compiled` replaced by its expansion's tokens (see
 * TRADE_PHRASES), scanning left to right and taking the longest trigger at each position; and the wordings read in.
 */
export function rewritePhrases(tokens: readonly string[], compiled: CompiledAliases): { tokens: string[]; readAs: string[] } {
  const stemmed = tokens.map(stem);
  const rewritten: string[] = [];
  const readAs: string[] = [];
  for (let at = 0; at < tokens.length; ) {
    let longest: { alias: number; length: number } | null = null;
    for (const { alias, trigger } of compiled.byFirstTerm.get(stemmed[at]!) ?? []) {
      if (trigger.length > (longest?.length ?? 0) && triggerAt(stemmed, at, trigger)) longest = { alias, length: trigger.length };
    }
    if (!longest) {
      rewritten.push(tokens[at]!);
      at++;
      continue;
    }
    const { expansion } = compiled.aliases[longest.alias]!;
    rewritten.push(...tokenize(expansion));
    if (expansion !== '') readAs.push(expansion);
    at += longest.length;
  }
  return { tokens: rewritten, readAs };
}

/** Expansions (nomenclature wording) of every alias triggered by the stemmed query. */
export function matchAliases(stemmedQuery: readonly string[], compiled: CompiledAliases): string[] {
  return matchAliasPositions(stemmedQuery, compiled).map((match) => match.expansion);
}

let defaultAliases: CompiledAliases | null = null;

/** The nomenclature wordings that the trade words of `text` stand for ("resistor" → "resistências elétricas"). */
export function nomenclatureWordingOf(text: string): string[] {
  defaultAliases ??= compileAliases();
  return matchAliases(stemAll(text), defaultAliases);
}
