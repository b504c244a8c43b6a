/**
 * Slot-filled lines for the three confusions the hand-written voices leave: research that names a
 * feature, a difference or a price step without naming a second product (whether a feature earns
 * its price, how a technology works, whether a product suits a use); buying told only through
 * logistics or payment (stock, pickup, delivery dates, instalments); comparisons of named brands
 * told as an anecdote or asked as an open question. Each frame is filled with a few rows of a
 * table, rotating, so every frame meets many products and every product several frames; English and
 * Spanish are built from one table, so they share a family.
 */
import type { CorpusBlock, CorpusSource } from '../corpus.ts';

/** A product with one feature that costs extra and a use it might or might not suit. */
interface FeatureRow {
  readonly product: string;
  readonly feature: string;
  readonly use: string;
}

const EN_FEATURES: readonly FeatureRow[] = [
  { product: 'TV', feature: 'a 120 Hz panel', use: 'mostly films and the news' },
  { product: 'laptop', feature: '32 GB of RAM', use: 'photo editing as a hobby' },
  { product: 'phone', feature: 'a telephoto lens', use: 'photos of the kids at school plays' },
  { product: 'pair of headphones', feature: 'active noise cancelling', use: 'a noisy open-plan office' },
  { product: 'vacuum', feature: 'a HEPA filter', use: 'a flat with a shedding dog' },
  { product: 'washing machine', feature: 'a steam programme', use: 'baby clothes' },
  { product: 'fridge', feature: 'an inverter compressor', use: 'a kitchen that is also the living room' },
  { product: 'mattress', feature: 'pocket springs', use: 'a side sleeper with a bad shoulder' },
  { product: 'pair of running shoes', feature: 'a carbon plate', use: 'easy weekend 10k runs' },
  { product: 'rain jacket', feature: 'a Gore-Tex membrane', use: 'walking the dog in the rain' },
  { product: 'blender', feature: 'a vacuum-blending mode', use: 'green smoothies every morning' },
  { product: 'router', feature: 'wifi 6', use: 'a house with about twenty devices' },
  { product: 'pair of earbuds', feature: 'wireless charging', use: 'someone who always forgets to charge things' },
  { product: 'coffee machine', feature: 'a built-in grinder', use: 'two coffees a day' },
  { product: 'air fryer', feature: 'a second drawer', use: 'a family of four' },
  { product: 'monitor', feature: 'a 4K panel', use: 'spreadsheets and email' },
  { product: 'oven', feature: 'pyrolytic self-cleaning', use: 'someone who roasts every Sunday' },
  { product: 'frying pan', feature: 'a ceramic coating', use: 'eggs and pancakes' },
  { product: 'kettle', feature: 'temperature control', use: 'green tea' },
  { product: 'steam iron', feature: 'a steam generator', use: 'ironing ten shirts a week' },
  { product: 'duvet', feature: 'a goose-down filling', use: 'a bedroom that gets cold at night' },
  { product: 'dishwasher', feature: 'a third cutlery rack', use: 'a couple who cook a lot' },
  { product: 'hair dryer', feature: 'ionic technology', use: 'thick frizzy hair' },
  { product: 'electric toothbrush', feature: 'a pressure sensor', use: 'sensitive gums' },
  { product: 'soundbar', feature: 'Dolby Atmos', use: 'a small living room' },
  { product: 'tablet', feature: 'stylus support', use: 'taking notes at university' },
  { product: 'dehumidifier', feature: 'a laundry mode', use: 'drying clothes indoors in winter' },
  { product: 'office chair', feature: 'adjustable lumbar support', use: 'eight hours a day at a desk' },
  { product: 'smart speaker', feature: 'a screen', use: 'a small kitchen' },
  { product: 'sofa', feature: 'a stain-resistant fabric', use: 'a house with two toddlers' },
];

const ES_FEATURES: readonly FeatureRow[] = [
  { product: 'la tele', feature: 'el panel de 120 Hz', use: 'ver sobre todo películas y noticias' },
  { product: 'la laptop', feature: 'la memoria de 32 GB', use: 'editar fotos como pasatiempo' },
  { product: 'el celular', feature: 'el teleobjetivo', use: 'sacar fotos de los niños en el colegio' },
  { product: 'el modelo de audífonos', feature: 'la cancelación de ruido activa', use: 'una oficina abierta con mucho ruido' },
  { product: 'la aspiradora', feature: 'el filtro HEPA', use: 'un piso con un perro que suelta pelo' },
  { product: 'la lavadora', feature: 'el programa de vapor', use: 'la ropa del bebé' },
  { product: 'el refrigerador', feature: 'el compresor inverter', use: 'una cocina integrada a la sala' },
  { product: 'el colchón', feature: 'el sistema de muelles ensacados', use: 'alguien que duerme de lado con el hombro lastimado' },
  { product: 'el modelo de zapatillas de correr', feature: 'la placa de carbono', use: 'salir a trotar 10 km los domingos' },
  { product: 'la chaqueta impermeable', feature: 'la membrana Gore-Tex', use: 'pasear al perro cuando llueve' },
  { product: 'la licuadora', feature: 'el modo al vacío', use: 'licuados verdes cada mañana' },
  { product: 'el router', feature: 'el wifi 6', use: 'una casa con unos veinte aparatos conectados' },
  { product: 'el estuche de los audífonos', feature: 'la carga inalámbrica', use: 'alguien que siempre olvida cargar las cosas' },
  { product: 'la cafetera', feature: 'el molinillo integrado', use: 'dos cafés al día' },
  { product: 'la freidora de aire', feature: 'la doble cesta', use: 'una familia de cuatro' },
  { product: 'el monitor', feature: 'la resolución 4K', use: 'hojas de cálculo y correo' },
  { product: 'el horno', feature: 'la limpieza pirolítica', use: 'alguien que hornea cada domingo' },
  { product: 'la sartén', feature: 'el recubrimiento cerámico', use: 'huevos y panqueques' },
  { product: 'el hervidor', feature: 'el control de temperatura', use: 'el té verde' },
  { product: 'la plancha', feature: 'el generador de vapor', use: 'planchar diez camisas a la semana' },
  { product: 'el edredón', feature: 'el relleno de plumón', use: 'un cuarto que se enfría de noche' },
  { product: 'el lavavajillas', feature: 'la tercera bandeja', use: 'una pareja que cocina mucho' },
  { product: 'el secador de pelo', feature: 'la tecnología iónica', use: 'el pelo grueso con frizz' },
  { product: 'el cepillo eléctrico', feature: 'el sensor de presión', use: 'encías sensibles' },
  { product: 'la barra de sonido', feature: 'el Dolby Atmos', use: 'una sala pequeña' },
  { product: 'la tablet', feature: 'el lápiz', use: 'tomar apuntes en la universidad' },
  { product: 'el deshumidificador', feature: 'el modo secado de ropa', use: 'secar ropa dentro de casa en invierno' },
  { product: 'la silla de oficina', feature: 'el soporte lumbar regulable', use: 'ocho horas diarias frente a la compu' },
  { product: 'la bocina inteligente', feature: 'la pantalla', use: 'una cocina pequeña' },
  { product: 'el sofá', feature: 'la tela antimanchas', use: 'una casa con dos niños chiquitos' },
];

const EN_RESEARCH_FRAMES: readonly ((r: FeatureRow) => string)[] = [
  (r) => `Is ${r.feature} worth paying more for on ${an(r.product)} if it's for ${r.use}?`,
  (r) => `how much difference does ${r.feature} really make for ${r.use}`,
  (r) => `would ${an(r.product)} without ${r.feature} be fine for ${r.use}?`,
  (r) => `what does ${r.feature} do on ${an(r.product)}, and do I need it for ${r.use}?`,
  (r) => `how does ${r.feature} work on this ${r.product}?`,
  (r) => `is this ${r.product} any good for ${r.use}?`,
  (r) => `Is it worth spending extra to get ${r.feature}, or will I not notice it for ${r.use}?`,
];

const ES_RESEARCH_FRAMES: readonly ((r: FeatureRow) => string)[] = [
  (r) => `¿Vale la pena pagar más por ${r.feature} en ${r.product} si es para ${r.use}?`,
  (r) => `¿cuánta diferencia hace de verdad ${r.feature} para ${r.use}?`,
  (r) => `¿${r.product} sin ${stripArticle(r.feature)} me serviría igual para ${r.use}?`,
  (r) => `¿para qué sirve ${r.feature} y lo necesito para ${r.use}?`,
  (r) => `¿cómo funciona ${r.feature} ${de(r.product)}?`,
  (r) => `¿${r.product} sirve para ${r.use}?`,
  (r) => `¿compensa gastar más por ${r.feature} o no lo voy a notar para ${r.use}?`,
];

/** A product someone has picked, a store or town, and when they want it. */
interface OrderRow {
  readonly product: string;
  readonly place: string;
  readonly when: string;
}

const EN_ORDERS: readonly OrderRow[] = [
  { product: 'the 65-inch Sony TV', place: 'Kingston', when: 'this evening' },
  { product: 'the oak dining table', place: 'Leeds', when: 'by the 12th' },
  { product: 'the black leather handbag', place: 'Heathrow', when: 'before Thursday' },
  { product: 'the Bosch dishwasher', place: 'Croydon', when: 'tomorrow morning' },
  { product: 'the king-size hybrid mattress', place: 'Bristol', when: 'this weekend' },
  { product: 'the Nintendo Switch OLED', place: 'Glasgow', when: 'before Saturday' },
  { product: 'the grey wool coat in a 12', place: 'Oxford Street', when: 'at lunchtime' },
  { product: 'the KitchenAid mixer in red', place: 'Bath', when: 'by Friday' },
  { product: 'the Ninja dual air fryer', place: 'Cambridge', when: 'on Saturday' },
  { product: 'the Pixel 8', place: 'Manchester', when: 'today' },
  { product: 'the sofa bed', place: 'Nottingham', when: 'before my parents visit' },
  { product: 'the Weber barbecue', place: 'Brighton', when: 'in time for Sunday' },
  { product: 'the iPad Air with the keyboard', place: 'Cardiff', when: 'before term starts' },
  { product: 'the 8 kg washing machine', place: 'Sheffield', when: 'this week' },
  { product: 'the Dyson V15', place: 'Edinburgh', when: 'after work' },
  { product: 'the walnut bookcase', place: 'York', when: 'on the 3rd' },
  { product: 'the Sony noise-cancelling headphones', place: 'Norwich', when: 'before our trip' },
  { product: 'the size 10 Doc Martens', place: 'Liverpool', when: 'tonight' },
  { product: 'the portable air conditioner', place: 'Reading', when: 'tomorrow' },
  { product: 'the corner sofa in green', place: 'Exeter', when: 'before Christmas' },
  { product: 'the Lego Millennium Falcon', place: 'Leicester', when: 'by his birthday on the 9th' },
  { product: 'the Breville espresso machine', place: 'Belfast', when: 'this afternoon' },
  { product: 'the HP laptop', place: 'Southampton', when: 'first thing tomorrow' },
  { product: 'the Le Creuset set', place: 'Cheltenham', when: 'before the wedding' },
];

const ES_ORDERS: readonly OrderRow[] = [
  { product: 'la tele Sony de 65', place: 'Polanco', when: 'esta tarde' },
  { product: 'la mesa de comedor de roble', place: 'Zaragoza', when: 'antes del 12' },
  { product: 'la bolsa de piel negra', place: 'el aeropuerto', when: 'antes del jueves' },
  { product: 'el lavavajillas Bosch', place: 'Palermo', when: 'mañana temprano' },
  { product: 'el colchón híbrido king', place: 'Medellín', when: 'este fin de semana' },
  { product: 'la Nintendo Switch OLED', place: 'Guadalajara', when: 'antes del sábado' },
  { product: 'el abrigo de lana gris en talla M', place: 'Gran Vía', when: 'a la hora del almuerzo' },
  { product: 'la batidora KitchenAid roja', place: 'Córdoba', when: 'para el viernes' },
  { product: 'la freidora doble Ninja', place: 'Valencia', when: 'el sábado' },
  { product: 'el Pixel 8', place: 'Monterrey', when: 'hoy mismo' },
  { product: 'el sofá cama', place: 'Rosario', when: 'antes de que vengan mis viejos' },
  { product: 'la parrilla Weber', place: 'Chapinero', when: 'a tiempo para el domingo' },
  { product: 'el iPad Air con teclado', place: 'Santiago', when: 'antes de que empiecen las clases' },
  { product: 'la lavadora de 8 kilos', place: 'Sevilla', when: 'esta semana' },
  { product: 'la aspiradora Dyson', place: 'Bilbao', when: 'saliendo del trabajo' },
  { product: 'la estantería de nogal', place: 'Mendoza', when: 'el día 3' },
  { product: 'la diadema Sony con cancelación de ruido', place: 'Puebla', when: 'antes del viaje' },
  { product: 'el par de botas Dr. Martens del 42', place: 'Cali', when: 'esta noche' },
  { product: 'el aire acondicionado portátil', place: 'Málaga', when: 'mañana' },
  { product: 'el sofá esquinero verde', place: 'Querétaro', when: 'antes de Navidad' },
  { product: 'el Lego del Halcón Milenario', place: 'La Plata', when: 'para su cumpleaños el 9' },
  { product: 'la cafetera Breville', place: 'Barranquilla', when: 'esta tarde' },
  { product: 'la laptop HP', place: 'Alicante', when: 'mañana a primera hora' },
  { product: 'el juego de ollas Le Creuset', place: 'Coyoacán', when: 'antes de la boda' },
];

const EN_ORDER_FRAMES: readonly ((r: OrderRow) => string)[] = [
  (r) => `Is ${r.product} in stock at the ${r.place} store? I'd like to collect it ${r.when}.`,
  (r) => `if I order ${r.product} now will it get to me ${r.when}`,
  (r) => `Can I pay for ${r.product} in monthly instalments? Ordering it ${r.when} either way.`,
  (r) => `could the ${r.place} shop hold ${r.product} for me? I'll come and pay ${r.when}`,
  (r) => `what's the earliest you can deliver ${r.product}? I need it ${r.when}`,
  (r) => `Can I reserve ${r.product} online and pick it up in ${r.place} ${r.when}?`,
  (r) => `is there same-day collection on ${r.product} in ${r.place}? I want it ${r.when}`,
  (r) => `Does ${r.product} qualify for 0% finance? I'd buy it ${r.when} if so.`,
];

const ES_ORDER_FRAMES: readonly ((r: OrderRow) => string)[] = [
  (r) => `¿Tienen ${r.product} en la tienda de ${r.place}? Quiero recoger${it(r.product)} ${r.when}.`,
  (r) => `si pido ${r.product} ahora, ¿me llega ${r.when}?`,
  (r) => `¿Puedo pagar ${r.product} a meses? ${cap(it(r.product))} pido ${r.when} de todas formas.`,
  (r) => `¿me pueden apartar ${r.product} en ${r.place}? Paso a pagar${it(r.product)} ${r.when}.`,
  (r) => `¿cuándo es lo más pronto que me pueden entregar ${r.product}? ${cap(it(r.product))} necesito ${r.when}.`,
  (r) => `¿Puedo reservar ${r.product} por la web y retirar${it(r.product)} en ${r.place} ${r.when}?`,
  (r) => `¿hay retiro el mismo día ${de(r.product)} en ${r.place}? ${cap(it(r.product))} quiero ${r.when}.`,
  (r) => `¿${cap(r.product)} entra en las cuotas sin interés? Si es así ${it(r.product)} compro ${r.when}.`,
];

/** Two brands of one kind of product, and who owns one. */
interface BrandRow {
  readonly a: string;
  readonly b: string;
  readonly kind: string;
  readonly who: string;
}

const EN_BRANDS: readonly BrandRow[] = [
  { a: 'Miele', b: 'Bosch', kind: 'dishwasher', who: 'my mum' },
  { a: 'Asics', b: 'Saucony', kind: 'running shoe', who: 'my running partner' },
  { a: 'Nespresso', b: 'Dolce Gusto', kind: 'pod machine', who: 'my boss' },
  { a: 'Sony', b: 'Sonos', kind: 'soundbar', who: 'my brother' },
  { a: 'Shark', b: 'Dyson', kind: 'cordless vacuum', who: 'our neighbour' },
  { a: 'Apple', b: 'Samsung', kind: 'tablet', who: 'my daughter' },
  { a: 'Tempur', b: 'Simba', kind: 'pillow', who: 'a colleague' },
  { a: 'Vitamix', b: 'Ninja', kind: 'blender', who: 'my sister-in-law' },
  { a: 'Hoka', b: 'Brooks', kind: 'walking shoe', who: 'my physio' },
  { a: 'Lenovo', b: 'Dell', kind: 'laptop', who: 'my flatmate' },
  { a: 'Samsung', b: 'LG', kind: 'OLED TV', who: 'my uncle' },
  { a: 'Bose', b: 'JBL', kind: 'speaker', who: 'my grandad' },
  { a: 'Levi\'s', b: 'Wrangler', kind: 'denim jacket', who: 'my cousin' },
  { a: 'Philips', b: 'Braun', kind: 'shaver', who: 'my husband' },
  { a: 'Simba', b: 'Emma', kind: 'mattress', who: 'my best friend' },
  { a: 'Weber', b: 'Traeger', kind: 'barbecue', who: 'the guy next door' },
];

const ES_BRANDS: readonly BrandRow[] = [
  { a: 'Bosch', b: 'Balay', kind: 'lavavajillas', who: 'mi madre' },
  { a: 'Asics', b: 'Saucony', kind: 'tenis para correr', who: 'mi compañero de running' },
  { a: 'Nespresso', b: 'Dolce Gusto', kind: 'cafetera de cápsulas', who: 'mi jefe' },
  { a: 'Sony', b: 'JBL', kind: 'bocina', who: 'mi hermano' },
  { a: 'Rowenta', b: 'Dyson', kind: 'aspiradora', who: 'la vecina' },
  { a: 'Apple', b: 'Samsung', kind: 'tablet', who: 'mi hija' },
  { a: 'Oster', b: 'Ninja', kind: 'licuadora', who: 'mi cuñada' },
  { a: 'Asics', b: 'Brooks', kind: 'zapatilla de correr', who: 'mi fisioterapeuta' },
  { a: 'Lenovo', b: 'HP', kind: 'portátil', who: 'mi compañero de piso' },
  { a: 'Samsung', b: 'LG', kind: 'tele', who: 'mi tío' },
  { a: 'Bose', b: 'JBL', kind: 'bocina', who: 'mi abuelo' },
  { a: 'Whirlpool', b: 'Mabe', kind: 'lavadora', who: 'mi suegra' },
  { a: 'Philips', b: 'Braun', kind: 'afeitadora', who: 'mi marido' },
  { a: 'Xiaomi', b: 'Motorola', kind: 'celular', who: 'mi prima' },
  { a: 'Drean', b: 'Samsung', kind: 'lavarropas', who: 'mi viejo' },
  { a: 'Haceb', b: 'Mabe', kind: 'nevera', who: 'mi tía' },
];

const EN_BRAND_FRAMES: readonly ((r: BrandRow) => string)[] = [
  (r) => `${cap(r.who)} has had ${an(r.a)} ${r.kind} for years and swears by it, but everyone online says ${r.b}. Which would you get?`,
  (r) => `${r.a} or ${r.b} for ${an(r.kind)}? ${cap(r.who)} had ${an(r.a)} and it was fine.`,
  (r) => `is ${an(r.b)} ${r.kind} really better than ${an(r.a)} or are you paying for the name`,
  (r) => `we've always had ${r.a}, would ${an(r.b)} ${r.kind} be any better?`,
  (r) => `${r.who} says ${r.a} and I say ${r.b}, for ${an(r.kind)} who's right?`,
  (r) => `how does the ${r.b} ${r.kind} stack up against the ${r.a} one ${r.who} has`,
  (r) => `how much difference is there really between ${an(r.a)} and ${an(r.b)} ${r.kind}, or is it just marketing`,
  (r) => `Is the ${r.b} ${r.kind} really worth it over the ${r.a}? ${cap(r.who)} thinks so.`,
];

const ES_BRAND_FRAMES: readonly ((r: BrandRow) => string)[] = [
  (r) => `${cap(r.who)} tiene ${art(r.kind)} ${r.kind} ${r.a} desde hace años y jura por esa marca, pero en internet todos dicen ${r.b}. ¿Cuál comprarías?`,
  (r) => `¿${r.a} o ${r.b} para ${art(r.kind)} ${r.kind}? ${cap(r.who)} tuvo ${r.a} y le fue bien.`,
  (r) => `¿de verdad ${r.b} es mejor que ${r.a} en ${r.kind} o pagas la marca?`,
  (r) => `en casa siempre tuvimos ${r.a}, ¿${art(r.kind)} ${r.kind} ${r.b} sería mejor?`,
  (r) => `${r.who} dice ${r.a} y yo digo ${r.b}, para ${art(r.kind)} ${r.kind}, ¿quién tiene razón?`,
  (r) => `¿qué tal ${art(r.kind)} ${r.kind} ${r.b} comparado con ${the(r.kind)} ${r.a} que tiene ${r.who}?`,
  (r) => `¿se nota de verdad la diferencia entre ${r.a} y ${r.b} en ${r.kind} o es puro marketing?`,
  (r) => `¿vale la pena ${the(r.kind)} ${r.kind} ${r.b} frente a ${the(r.kind)} ${r.a}? ${cap(r.who)} dice que sí.`,
];

/** Things a shopper may look around for, and someone they may be buying for. */
interface BrowseRow {
  readonly things: string;
  readonly forWhom: string;
}

const EN_BROWSE: readonly BrowseRow[] = [
  { things: 'linen bedding', forWhom: 'my sister who just moved' },
  { things: 'trail running gear', forWhom: 'a friend who runs ultras' },
  { things: 'wireless speakers', forWhom: 'my teenage son' },
  { things: 'teapots and loose-leaf tea', forWhom: 'a colleague who loves tea' },
  { things: 'cookbooks and kitchen gifts', forWhom: 'my dad who just retired' },
  { things: 'winter boots', forWhom: 'my partner' },
  { things: 'art supplies', forWhom: 'a nine-year-old who draws all day' },
  { things: 'smart home gadgets', forWhom: 'my tech-mad brother' },
  { things: 'scented candles', forWhom: 'my mother-in-law' },
  { things: 'yoga mats and blocks', forWhom: 'a friend starting yoga' },
  { things: 'picture frames', forWhom: 'my grandparents' },
  { things: 'hoodies and trainers', forWhom: 'my nephew who loves skating' },
  { things: 'silk scarves', forWhom: 'my aunt' },
  { things: 'cosy blankets and cushions', forWhom: 'a family with young kids' },
  { things: 'barware and cocktail sets', forWhom: 'a couple who just got engaged' },
  { things: 'skincare sets', forWhom: 'a friend who has just had a baby' },
];

const ES_BROWSE: readonly BrowseRow[] = [
  { things: 'ropa de cama de lino', forWhom: 'mi hermana que se acaba de mudar' },
  { things: 'cosas para correr en montaña', forWhom: 'un amigo que corre ultras' },
  { things: 'bocinas inalámbricas', forWhom: 'mi hijo adolescente' },
  { things: 'teteras y té a granel', forWhom: 'una compañera a la que le encanta el té' },
  { things: 'libros de cocina y regalos de cocina', forWhom: 'mi papá que se acaba de jubilar' },
  { things: 'botas de invierno', forWhom: 'mi pareja' },
  { things: 'material de dibujo', forWhom: 'una niña de nueve años que dibuja todo el día' },
  { things: 'aparatos para la casa inteligente', forWhom: 'mi hermano que es fan de la tecnología' },
  { things: 'velas aromáticas', forWhom: 'mi suegra' },
  { things: 'tapetes y bloques de yoga', forWhom: 'una amiga que empieza yoga' },
  { things: 'portarretratos', forWhom: 'mis abuelos' },
  { things: 'sudaderas y tenis', forWhom: 'mi sobrino al que le encanta el skate' },
  { things: 'pañuelos de seda', forWhom: 'mi tía' },
  { things: 'mantas y cojines', forWhom: 'una familia con niños chicos' },
  { things: 'cristalería y sets de coctelería', forWhom: 'unos amigos que se acaban de comprometer' },
  { things: 'sets de cuidado de la piel', forWhom: 'una amiga que acaba de tener un bebé' },
];

const EN_BROWSE_FRAMES: readonly ((r: BrowseRow) => string)[] = [
  (r) => `what have you got in ${r.things}? just looking for now`,
  (r) => `Could you show me some ${r.things}? It's for ${r.forWhom}, no idea what yet.`,
  (r) => `any ideas for ${r.forWhom}? I was thinking ${r.things} maybe`,
  (r) => `I'd like to have a look through your ${r.things}`,
];

const ES_BROWSE_FRAMES: readonly ((r: BrowseRow) => string)[] = [
  (r) => `¿qué tienen en ${r.things}? de momento solo miro`,
  (r) => `¿Me enseñan ${r.things}? Es para ${r.forWhom}, todavía no sé qué.`,
  (r) => `¿alguna idea para ${r.forWhom}? pensaba en ${r.things} quizá`,
  (r) => `me gustaría echar un vistazo a lo que tienen en ${r.things}`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function stripArticle(s: string): string {
  return s.replace(/^(?:el|la|los|las) /, '');
}

/** English indefinite article for a noun phrase. */
function an(s: string): string {
  return `${/^[aeiouAEIOU]|^OLED|^HP\b/.test(s) ? 'an' : 'a'} ${s}`;
}

/** Spanish "de" + noun phrase, with "de el" contracted. */
function de(s: string): string {
  return s.startsWith('el ') ? `del ${s.slice(3)}` : `de ${s}`;
}

/** The object pronoun for a Spanish noun phrase that starts with its article. */
function it(s: string): string {
  return s.startsWith('la ') ? 'la' : s.startsWith('las ') ? 'las' : s.startsWith('los ') ? 'los' : 'lo';
}

/** Definite article for a Spanish kind of product (see {@link art}). */
function the(kind: string): string {
  return art(kind) === 'una' ? 'la' : 'el';
}

/** Indefinite-article stand-in for a Spanish noun phrase ("una" for the usual feminine endings). */
function art(kind: string): string {
  const head = kind.split(' ')[0] ?? kind;
  return /(?:a|ción|dora|tablet|tele)$/.test(head) ? 'una' : 'un';
}

/**
 * Fills frames with rows: row i meets frames i, i+1, … i+perRow−1 (mod frames), so every row appears
 * `perRow` times and the frames are used evenly. No line is produced twice.
 */
function fill<R>(rows: readonly R[], frames: readonly ((r: R) => string)[], perRow: number): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    for (let k = 0; k < perRow; k++) out.push((frames[(i + k) % frames.length] as (r: R) => string)(r));
  });
  return [...new Set(out)];
}

function block(features: readonly FeatureRow[], researchFrames: readonly ((r: FeatureRow) => string)[], orders: readonly OrderRow[], orderFrames: readonly ((r: OrderRow) => string)[], brands: readonly BrandRow[], brandFrames: readonly ((r: BrandRow) => string)[], browse: readonly BrowseRow[], browseFrames: readonly ((r: BrowseRow) => string)[]): CorpusBlock {
  return {
    high_purchase_intent: fill(orders, orderFrames, 2),
    comparison_shopping: fill(brands, brandFrames, 3),
    browsing: fill(browse, browseFrames, 2),
    research: fill(features, researchFrames, 2),
  };
}

export const EN_SLOTTED: CorpusSource = {
  name: 'en-slotted',
  lang: 'en',
  family: 'slotted',
  voice: 'English slot-filled frames for feature research, logistics purchases and brand anecdotes',
  lines: block(EN_FEATURES, EN_RESEARCH_FRAMES, EN_ORDERS, EN_ORDER_FRAMES, EN_BRANDS, EN_BRAND_FRAMES, EN_BROWSE, EN_BROWSE_FRAMES),
};

export const ES_SLOTTED: CorpusSource = {
  name: 'es-slotted',
  lang: 'es',
  family: 'slotted',
  voice: 'Spanish slot-filled frames for feature research, logistics purchases and brand anecdotes',
  lines: block(ES_FEATURES, ES_RESEARCH_FRAMES, ES_ORDERS, ES_ORDER_FRAMES, ES_BRANDS, ES_BRAND_FRAMES, ES_BROWSE, ES_BROWSE_FRAMES),
};
