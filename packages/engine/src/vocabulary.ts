import { stemAll } from './text/normalize.js';

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

export const TRADE_ALIASES: readonly TradeAlias[] = [
  // Electronic components
  { triggers: ['capacitor', 'capacitors', 'capacitores', 'cap ceramico', 'supercapacitor'], expansion: 'condensadores elétricos' },
  { triggers: ['resistor', 'resistors', 'resistores', 'varistor', 'termistor', 'thermistor', 'ntc', 'ptc'], expansion: 'resistências elétricas' },
  { triggers: ['potenciometro', 'potentiometer', 'trimpot', 'trimmer'], expansion: 'resistências elétricas variáveis potenciômetros' },
  { triggers: ['rele', 'reles', 'relay', 'relays'], expansion: 'relés' },
  { triggers: ['chip', 'chips', 'ic', 'circuito integrado', 'integrated circuit', 'microcontrolador', 'microcontroller', 'mcu', 'microprocessador', 'microprocessor', 'cpu', 'processador', 'processor', 'eeprom', 'eprom', 'fpga', 'asic', 'memoria ram', 'ram', 'dram', 'sram', 'flash memory', 'memoria flash', 'amplificador operacional', 'op amp', 'opamp', 'regulador de tensao', 'voltage regulator'], expansion: 'circuitos integrados eletrônicos' },
  { triggers: ['led', 'leds', 'light emitting diode'], expansion: 'diodos emissores de luz' },
  { triggers: ['diode', 'diodes', 'diodo', 'zener', 'retificador', 'rectifier', 'schottky'], expansion: 'diodos' },
  { triggers: ['transistor', 'transistors', 'mosfet', 'igbt', 'bjt', 'jfet'], expansion: 'transistores' },
  { triggers: ['tiristor', 'thyristor', 'triac', 'diac', 'scr'], expansion: 'tiristores diacs triacs' },
  { triggers: ['optoacoplador', 'optocoupler', 'fotoacoplador', 'photocoupler', 'fotodiodo', 'photodiode', 'fototransistor', 'phototransistor'], expansion: 'dispositivos fotossensíveis semicondutores' },
  { triggers: ['indutor', 'inductor', 'inductors', 'bobina', 'coil', 'choke', 'ferrite'], expansion: 'indutâncias bobinas' },
  { triggers: ['cristal oscilador', 'crystal', 'oscillator', 'ressonador', 'resonator', 'quartzo'], expansion: 'cristais piezelétricos montados' },
  { triggers: ['pcb', 'pci', 'placa de circuito', 'circuit board', 'printed circuit', 'circuito impresso', 'placa eletronica'], expansion: 'circuitos impressos' },
  { triggers: ['fusivel', 'fusiveis', 'fuse', 'fuses'], expansion: 'fusíveis' },
  { triggers: ['disjuntor', 'disjuntores', 'circuit breaker', 'breaker'], expansion: 'disjuntores' },
  { triggers: ['contator', 'contatores', 'contactor', 'contactors'], expansion: 'contatores relés' },
  { triggers: ['switch', 'interruptor', 'interruptores', 'chave seletora', 'chave liga desliga', 'push button', 'botao', 'pushbutton', 'microswitch', 'micro switch'], expansion: 'interruptores comutadores seccionadores' },
  { triggers: ['conector', 'conectores', 'connector', 'connectors', 'plug', 'plugue', 'soquete', 'socket', 'terminal', 'terminais', 'borne', 'bornes', 'pin header'], expansion: 'conectores fichas plugues tomadas de corrente terminais' },
  { triggers: ['cabo', 'cabos', 'cable', 'cables', 'fio', 'fios', 'wire', 'wires', 'chicote', 'harness', 'cordao eletrico'], expansion: 'fios cabos condutores elétricos isolados' },
  { triggers: ['cabo de fibra optica', 'fibra optica', 'fiber optic', 'optical fiber', 'fibre optic'], expansion: 'cabos de fibras ópticas' },
  { triggers: ['transformador', 'transformer', 'transformers'], expansion: 'transformadores elétricos' },
  { triggers: ['fonte de alimentacao', 'power supply', 'psu', 'carregador', 'charger', 'inversor de frequencia', 'inverter', 'conversor dc', 'dc dc', 'ac dc', 'adaptador de energia', 'power adapter', 'nobreak', 'ups'], expansion: 'conversores estáticos carregadores de acumuladores' },
  { triggers: ['bateria', 'baterias', 'battery', 'batteries', 'acumulador', 'li ion', 'lithium ion', 'litio ion'], expansion: 'acumuladores elétricos baterias' },
  { triggers: ['pilha', 'pilhas', 'alkaline battery', 'coin cell', 'cr2032'], expansion: 'pilhas baterias de pilhas elétricas' },
  { triggers: ['sensor', 'sensores', 'transducer', 'transdutor'], expansion: 'instrumentos aparelhos para medida controle' },
  { triggers: ['termopar', 'thermocouple', 'pt100', 'rtd'], expansion: 'termômetros instrumentos para medida de temperatura' },
  { triggers: ['termostato', 'thermostat', 'pressostato', 'pressure switch'], expansion: 'termostatos pressostatos reguladores automáticos' },
  { triggers: ['clp', 'plc', 'controlador logico programavel', 'programmable logic controller'], expansion: 'controladores lógicos programáveis' },
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
  { triggers: ['ssd', 'hd', 'hdd', 'hard disk', 'disco rigido', 'pen drive', 'pendrive', 'cartao de memoria', 'memory card', 'sd card'], expansion: 'unidades de memória dispositivos de armazenamento não volátil' },
  { triggers: ['celular', 'smartphone', 'cell phone', 'mobile phone', 'telemovel'], expansion: 'telefones inteligentes smartphones telefones para redes celulares' },
  { triggers: ['roteador', 'router', 'modem', 'switch de rede', 'network switch', 'access point', 'gateway'], expansion: 'aparelhos para recepção conversão transmissão de dados roteadores' },
  { triggers: ['tv', 'televisao', 'televisor', 'television'], expansion: 'aparelhos receptores de televisão' },
  // Mechanical parts and fasteners
  { triggers: ['rolamento', 'rolamentos', 'bearing', 'bearings', 'rolima'], expansion: 'rolamentos' },
  { triggers: ['mancal', 'bucha', 'bushing', 'plain bearing'], expansion: 'mancais casquilhos' },
  { triggers: ['parafuso', 'parafusos', 'screw', 'screws', 'bolt', 'bolts', 'prisioneiro', 'stud bolt'], expansion: 'parafusos' },
  { triggers: ['porca', 'porcas', 'nut', 'nuts', 'hex nut'], expansion: 'porcas' },
  { triggers: ['arruela', 'arruelas', 'washer', 'washers'], expansion: 'arruelas' },
  { triggers: ['rebite', 'rebites', 'rivet', 'rivets'], expansion: 'rebites' },
  { triggers: ['pino', 'pinos', 'cavilha', 'dowel', 'cupilha', 'cotter pin', 'contrapino'], expansion: 'cavilhas contrapinos pinos' },
  { triggers: ['chaveta', 'key way', 'keyway'], expansion: 'chavetas' },
  { triggers: ['anel elastico', 'anel trava', 'retaining ring', 'circlip', 'snap ring', 'anel de retencao'], expansion: 'anéis de retenção' },
  { triggers: ['o ring', 'oring', 'o rings', 'anel de vedacao', 'anel o', 'gaxeta', 'gasket', 'gaskets', 'seal', 'seals', 'vedacao', 'vedante', 'retentor', 'oil seal'], expansion: 'juntas vedação borracha retentores' },
  { triggers: ['mola', 'molas', 'spring', 'springs'], expansion: 'molas folhas de molas' },
  { triggers: ['engrenagem', 'engrenagens', 'gear', 'gears', 'pinhao', 'pinion'], expansion: 'engrenagens rodas dentadas' },
  { triggers: ['redutor', 'gearbox', 'reducer', 'motorredutor', 'gear motor', 'caixa de reducao'], expansion: 'redutores multiplicadores caixas de transmissão' },
  { triggers: ['acoplamento', 'coupling', 'embreagem', 'clutch'], expansion: 'embreagens órgãos de acoplamento' },
  { triggers: ['polia', 'pulley'], expansion: 'polias' },
  { triggers: ['correia', 'correias', 'belt', 'belts'], expansion: 'correias transportadoras de transmissão' },
  { triggers: ['corrente de rolos', 'corrente de transmissao', 'chain', 'roller chain'], expansion: 'correntes cadeias de elos articulados' },
  { triggers: ['eixo', 'shaft', 'arvore de transmissao'], expansion: 'árvores de transmissão veios' },
  { triggers: ['mangueira', 'mangueiras', 'hose', 'hoses'], expansion: 'tubos mangueiras flexíveis' },
  { triggers: ['tubo', 'tubos', 'pipe', 'pipes', 'tube', 'tubing', 'cano'], expansion: 'tubos' },
  { triggers: ['conexao', 'fitting', 'fittings', 'niple', 'nipple', 'cotovelo', 'elbow', 'luva de tubo', 'flange', 'flanges'], expansion: 'acessórios para tubos uniões cotovelos luvas flanges' },
  { triggers: ['abracadeira', 'clamp', 'clamps', 'bracadeira'], expansion: 'abraçadeiras braçadeiras' },
  { triggers: ['valvula', 'valvulas', 'valve', 'valves', 'torneira', 'faucet'], expansion: 'válvulas torneiras dispositivos semelhantes' },
  { triggers: ['solenoide', 'solenoid'], expansion: 'eletroímãs válvulas solenoides' },
  { triggers: ['bomba', 'bombas', 'pump', 'pumps'], expansion: 'bombas para líquidos' },
  { triggers: ['compressor', 'compressores'], expansion: 'compressores de ar' },
  { triggers: ['ventilador', 'ventoinha', 'fan', 'fans', 'cooler', 'exaustor'], expansion: 'ventiladores' },
  { triggers: ['motor eletrico', 'electric motor', 'servo motor', 'servomotor', 'motor de passo', 'stepper motor', 'stepper', 'motor dc', 'motor ac', 'brushless'], expansion: 'motores elétricos' },
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
  { triggers: ['chave de boca', 'wrench', 'spanner', 'chave inglesa', 'chave allen', 'allen key', 'hex key'], expansion: 'chaves de porcas manuais' },
  { triggers: ['broca', 'brocas', 'drill bit', 'drill bits'], expansion: 'brocas ferramentas de furar' },
  { triggers: ['furadeira', 'drill', 'parafusadeira'], expansion: 'ferramentas eletromecânicas furadeiras perfuratrizes' },
  { triggers: ['serra', 'saw', 'saw blade', 'lamina de serra'], expansion: 'serras folhas de serras' },
  { triggers: ['lixa', 'sandpaper', 'abrasivo', 'abrasive', 'rebolo', 'grinding wheel', 'disco de corte', 'cutting disc'], expansion: 'abrasivos naturais artificiais em pó ou grãos mós rebolos' },
  { triggers: ['fechadura', 'lock', 'cadeado', 'padlock'], expansion: 'cadeados fechaduras ferrolhos' },
  { triggers: ['dobradica', 'hinge', 'hinges'], expansion: 'dobradiças guarnições ferragens' },
  { triggers: ['prego', 'pregos', 'nail', 'nails'], expansion: 'pregos tachas percevejos' },
  { triggers: ['gancho', 'hook', 'suporte', 'bracket'], expansion: 'ganchos suportes' },
  // Materials (English → Portuguese)
  { triggers: ['plastic', 'plastico', 'pvc', 'abs', 'nylon', 'polyamide', 'poliamida', 'polipropileno', 'polypropylene', 'pp', 'polietileno', 'polyethylene', 'pe', 'pet', 'acrilico', 'acrylic', 'policarbonato', 'polycarbonate', 'pom', 'ptfe', 'teflon'], expansion: 'plástico plásticos' },
  { triggers: ['steel', 'aco carbono', 'carbon steel'], expansion: 'ferro aço' },
  { triggers: ['stainless', 'stainless steel', 'inox', 'aco inox', 'aco inoxidavel'], expansion: 'aço inoxidável' },
  { triggers: ['iron', 'cast iron', 'ferro fundido'], expansion: 'ferro fundido' },
  { triggers: ['aluminum', 'aluminium', 'aluminio'], expansion: 'alumínio' },
  { triggers: ['copper', 'cobre'], expansion: 'cobre' },
  { triggers: ['brass', 'latao', 'bronze'], expansion: 'ligas de cobre latão bronze' },
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
  { triggers: ['relogio', 'watch', 'smartwatch', 'clock'], expansion: 'relógios' },
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
  { triggers: ['geladeira', 'refrigerador', 'fridge', 'refrigerator'], expansion: 'refrigeradores' },
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
  { triggers: ['peca', 'pecas', 'part', 'parts', 'spare part', 'componente'], expansion: 'partes' },
  { triggers: ['acessorio', 'acessorios', 'accessory', 'accessories'], expansion: 'acessórios' },
];

export interface CompiledAlias {
  /** Stemmed token sequences; any of them triggers the alias. */
  triggers: string[][];
  expansion: string;
}

export function compileAliases(aliases: readonly TradeAlias[] = TRADE_ALIASES): CompiledAlias[] {
  return aliases.map((alias) => ({
    triggers: alias.triggers.map((trigger) => stemAll(trigger)).filter((sequence) => sequence.length > 0),
    expansion: alias.expansion,
  }));
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let k = 0; k < needle.length; k++) {
      if (haystack[start + k] !== needle[k]) continue outer;
    }
    return true;
  }
  return false;
}

/** Expansions (nomenclature wording) of every alias triggered by the stemmed query. */
export function matchAliases(stemmedQuery: readonly string[], aliases: readonly CompiledAlias[]): string[] {
  const expansions: string[] = [];
  for (const alias of aliases) {
    if (alias.triggers.some((trigger) => containsSequence(stemmedQuery, trigger))) expansions.push(alias.expansion);
  }
  return expansions;
}
