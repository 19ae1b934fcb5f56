/**
 * The Complete Journey's departments and product categories mapped onto Linli's fresh-grocery
 * category codes (migration 0001). The first matching rule wins; rules look at
 * `DEPARTMENT|PRODUCT_CATEGORY|PRODUCT_TYPE`, and keyword rules match a word anywhere in the
 * product category. Non-food departments land in `household`, and what fits nowhere (fuel,
 * coupons, services) in `other`.
 */
const RULES: Array<[RegExp, string]> = [
  // organic produce first, so it is not filed as ordinary fruit or vegetables
  [/^PRODUCE\|ORGANICS/, 'organic'],
  // produce
  [/^PRODUCE\|(APPLES|PEARS)\b/, 'fruit.pome'],
  [/^PRODUCE\|(BERRIES|GRAPES)\b/, 'fruit.berry'],
  [/^PRODUCE\|CITRUS/, 'fruit.citrus'],
  [/^PRODUCE\|TROPICAL FRUIT/, 'fruit.tropical'],
  [/^PRODUCE\|(MELONS|STONE FRUIT|VALUE ADDED FRUIT)/, 'fruit'],
  [/^PRODUCE\|MUSHROOMS/, 'vegetables.mushroom'],
  [/^PRODUCE\|(POTATOES|CARROTS|ONIONS)/, 'vegetables.root'],
  [/^PRODUCE\|(SALAD MIX|VEGETABLES SALAD|HERBS)/, 'vegetables.leafy'],
  [/^PRODUCE\|(TOMATOES|PEPPERS|SQUASH)/, 'vegetables.melon'],
  [/^PRODUCE\|NUTS/, 'snacks.nuts'],
  [/^PRODUCE\|(POPCORN|DRIED FRUIT)/, 'snacks'],
  [/^PRODUCE\|/, 'vegetables'],
  [/^TRAVEL & LEISURE\|APPLES/, 'fruit.pome'],
  // meat, poultry, eggs, seafood
  [/^MEAT\|(BEEF|LAMB)/, 'meat_eggs.beef_lamb'],
  [/^MEAT\|PORK/, 'meat_eggs.pork'],
  [/^MEAT\|(CHICKEN|TURKEY|EXOTIC GAME)/, 'meat_eggs.poultry'],
  [/^MEAT-PCKGD\|(FROZEN MEAT|HEAT\/SERVE)/, 'frozen'],
  [/^MEAT(-PCKGD)?\|/, 'meat_eggs'],
  [/\|EGGS\b/, 'meat_eggs.eggs'],
  [/^SEAFOOD(-PCKGD)?\|.*(SHRIMP|CRAB|LOBSTER|CRAWFISH)/, 'seafood.shrimp_crab'],
  [/^SEAFOOD(-PCKGD)?\|/, 'seafood.fish'],
  [/\|SEAFOOD - SHELF STABLE/, 'seafood'],
  [/\|MEAT - SHELF STABLE/, 'meat_eggs'],
  // deli, bakery, dairy
  [/^DELI\|CHICKEN\/POULTRY/, 'meat_eggs.poultry'],
  [/^DELI\|DELI MEATS/, 'meat_eggs'],
  [/^DELI\|CHEESES/, 'dairy_bakery'],
  [/^DELI\|SNACKS/, 'snacks'],
  [/^DELI\|SERVICE BEVERAGE/, 'drinks'],
  [/^(DELI|SALAD BAR|CHEF SHOPPE|RESTAURANT)\|/, 'frozen'],
  [/^PASTRY\|/, 'dairy_bakery.bread'],
  [/^[^|]*\|[^|]*\b(BAKED BREAD|BAKED SWEET GOODS|BREAD\b)/, 'dairy_bakery.bread'],
  [/^[^|]*\|[^|]*\b(YOGURT|FLUID MILK|MILK BY-PRODUCTS|CANNED MILK|MISC\. DAIRY)/, 'dairy_bakery.milk'],
  [/^[^|]*\|[^|]*\b(CHEESE|BUTTER|MARGARINES|REFRGRATD DOUGH|REFRIGERATED)/, 'dairy_bakery'],
  // drinks before frozen, so frozen juice concentrate is a drink
  [
    /^[^|]*\|[^|]*\b(SOFT DRINKS|JUICE|WATER|BEERS|WINE|LIQUOR|COFFEE|TEAS?\b|ISOTONIC|DRNK|DRINK|COCOA|NEW AGE|BEVERAGE)/,
    'drinks',
  ],
  [/^SPIRITS\|/, 'drinks'],
  [/^[^|]*\|[^|]*\b(FRZN|FROZEN|ICE CREAM)/, 'frozen'],
  [/^FROZEN GROCERY\|/, 'frozen'],
  [/^[^|]*\|[^|]*\b(SOUP|DINNER MXS|PREPARED\/PKGD FOODS)/, 'frozen'],
  [/^[^|]*\|HISPANIC/, 'grain_oil'], // tortillas, beans, salsa
  // snacks
  [/\|SNACK NUTS/, 'snacks.nuts'],
  [/^[^|]*\|[^|]*\b(CANDY|DRY MIX DESSERTS|SYRUPS\/TOPPINGS|SNKS\/CKYS\/CRKR\/CNDY)/, 'snacks.sweets'],
  [/^[^|]*\|[^|]*\b(SNACK|COOKIES|CRACKERS|CHIPS|RICE CAKES|DRIED FRUIT|WHLSM SNACKS)/, 'snacks'],
  // grain, oil, condiments
  [/\|SHORTENING\/OIL/, 'grain_oil.oil'],
  [
    /^[^|]*\|[^|]*\b(CONDIMENTS|SPICES|SALD DRSNG|PASTA SAUCE|DRY SAUCES|PICKLE|PNT BTR|SUGARS|MOLASSES|OLIVES)/,
    'grain_oil.condiments',
  ],
  [
    /^[^|]*\|[^|]*\b(DRY NOODLES|PASTA\b|DRY BN\/VEG\/POTATO\/RICE|FLOUR|BAKING|CEREAL)/,
    'grain_oil.rice_flour',
  ],
  [/^[^|]*\|[^|]*\b(VEGETABLES - SHELF STABLE|BEANS - CANNED)/, 'vegetables'],
  [/\|FRUIT - SHELF STABLE/, 'fruit'],
  // non-food
  [/^[^|]*\|[^|]*\b(COUPON|FUEL)/, 'other'],
  [/^TRAVEL & LEISURE\|/, 'household'],
];

/** Grocery lines in the household departments (pet food, cleaning, paper) are household goods too. */
const HOUSEHOLD_IN_GROCERY =
  /\|(CAT FOOD|DOG FOODS|PET CARE|CAT LITTER|BIRD SEED|HOUSEHOLD CLEANG|LAUNDRY|DISHWASH|FD WRAPS|PAPER|BATH TISSUES|FACIAL TISS|AIR CARE|BLEACH)/;

/** Whole departments outside fresh grocery, decided before the keyword rules (COFFEE FILTERS is no drink). */
const NON_FOOD_DEPARTMENTS: Array<[RegExp, string]> = [
  [
    /^(FUEL|COUPON|MISCELLANEOUS|POSTAL CENTER|CHARITABLE CONT|PROD-WHS SALES|CNTRL\/STORE SUP|GM MERCH EXP)\|/,
    'other',
  ],
  [
    /^(DRUG GM|COSMETICS|FLORAL|GARDEN CENTER|HOUSEWARES|TOYS|AUTOMOTIVE|ELECT &PLUMBING|PHOTO & VIDEO)\|/,
    'household',
  ],
];

/** Baby food and candy sit in DRUG GM in this data set; they are food. */
const FOOD_IN_DRUG_GM: Array<[RegExp, string]> = [
  [/^DRUG GM\|CANDY/, 'snacks.sweets'],
  [/^DRUG GM\|(BABY FOODS|INFANT FORMULA)/, 'dairy_bakery.milk'],
];

export function cjCategory(department: string, productCategory: string, productType = ''): string {
  const key = `${department.trim().toUpperCase()}|${productCategory.trim().toUpperCase()}|${productType.trim().toUpperCase()}`;
  if (HOUSEHOLD_IN_GROCERY.test(key)) return 'household';
  for (const [re, code] of FOOD_IN_DRUG_GM) if (re.test(key)) return code;
  for (const [re, code] of NON_FOOD_DEPARTMENTS) if (re.test(key)) return code;
  for (const [re, code] of RULES) if (re.test(key)) return code;
  return 'other';
}

export interface CjProductRow {
  productId: string;
  department: string;
  brand: string;
  productCategory: string;
  productType: string;
  packageSize: string;
}

/** A readable product name from the catalogue's descriptive columns (the data set has no names). */
export function cjProductName(p: CjProductRow): string {
  const what = p.productType || p.productCategory || p.department || 'Product';
  const detail = [p.brand, p.packageSize].filter(Boolean).join(', ');
  return `${what}${detail ? ` (${detail})` : ''} #${p.productId}`.slice(0, 200);
}
